import type { IntegrationsTestResult } from '../../../src-preload/schemas/integrations-api.js';

export function TestResult({ result }: { result: IntegrationsTestResult | 'running' | undefined }) {
  if (!result) return null;
  if (result === 'running')
    return (
      <p className="muted small" role="status">
        Testing…
      </p>
    );
  return (
    <div className={result.ok ? 'dash-success' : 'dash-error'} role={result.ok ? 'status' : 'alert'}>
      {result.message}
    </div>
  );
}
