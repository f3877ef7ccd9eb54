import { useStore } from 'zustand';
import { DashSection } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { formatBytes } from '../../ui/format-bytes.js';

/** What this computer has, and which model Steward recommends for it and why. */
export function HardwareCard() {
  const rec = useStore(useDashboards().models, (s) => s.recommendation);
  return (
    <DashSection title="This computer">
      {!rec ? (
        <p className="muted">Checking hardware…</p>
      ) : (
        <>
          <dl className="kv">
            <dt>Memory</dt>
            <dd>
              {formatBytes(rec.hardware.freeRamBytes)} free of {formatBytes(rec.hardware.totalRamBytes)}
            </dd>
            <dt>CPU cores</dt>
            <dd>{rec.hardware.cpuCores}</dd>
            <dt>GPU</dt>
            <dd>{rec.hardware.gpu ? `${rec.hardware.gpu.backend.toUpperCase()} · ${formatBytes(rec.hardware.gpu.freeVramBytes)} free` : 'none'}</dd>
          </dl>
          {rec.hardware.gpuNote && <p className="muted small">{rec.hardware.gpuNote}</p>}
          <p className="recommendation">{rec.reason}</p>
        </>
      )}
    </DashSection>
  );
}
