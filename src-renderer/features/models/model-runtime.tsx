/**
 * The Engine card's rows about the process running the local model: which engine, whether it
 * runs in its own process (and its memory), restarts, the last crash with its stderr tail, and
 * why the model was marked failed.
 */
import type { LlmStatus } from '../../../src-preload/schemas/llm.js';
import { InlineError } from '../../ui/dashboard-page.js';
import { formatBytes } from '../../ui/format-bytes.js';

type Runtime = NonNullable<LlmStatus['local']['runtime']>;

const STATE_TEXT: Record<Runtime['state'], string> = {
  'not-started': 'loads on first use',
  starting: 'loading…',
  ready: 'running',
  restarting: 'restarting after a crash…',
  failed: 'failed',
  closed: 'stopped',
};

function where(runtime: Runtime): string {
  if (runtime.inference === 'worker') return `its own process${runtime.pid ? ` (pid ${runtime.pid})` : ''}`;
  if (runtime.inference === 'server') return `llama-server${runtime.pid ? ` (pid ${runtime.pid})` : ''}`;
  return 'the main process';
}

export function ModelRuntime({ runtime }: { runtime: LlmStatus['local']['runtime'] }) {
  if (!runtime) return null;
  return (
    <div data-testid="model-runtime">
      <dl className="kv">
        <dt>Engine</dt>
        <dd>{runtime.engine}</dd>
        <dt>Runs in</dt>
        <dd>
          {where(runtime)}
          {runtime.memoryBytes !== null && <span className="muted">{` · ${formatBytes(runtime.memoryBytes)} memory`}</span>}
        </dd>
        <dt>State</dt>
        <dd>
          {STATE_TEXT[runtime.state]}
          {runtime.restarts > 0 && <span className="muted">{` · restarted ${runtime.restarts}×`}</span>}
        </dd>
      </dl>
      <InlineError message={runtime.failedReason} />
      {runtime.lastCrash && (
        <details className="small">
          <summary>{`Last crash ${new Date(runtime.lastCrash.at).toLocaleString()}: ${runtime.lastCrash.reason}`}</summary>
          {runtime.lastCrash.stderrTail ? <pre className="small">{runtime.lastCrash.stderrTail}</pre> : <p className="muted small">It wrote nothing to stderr.</p>}
        </details>
      )}
    </div>
  );
}
