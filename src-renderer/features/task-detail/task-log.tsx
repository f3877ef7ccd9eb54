import type { TaskSteps } from '../../../src-preload/schemas/artifacts.js';
import { formatClock, formatFull } from '../../ui/format-time.js';
import { formatUsd } from '../../state/cost-maths.js';

const STATUS_TONE: Record<string, string> = {
  succeeded: 'chip--ok',
  failed: 'chip--result-error',
  rejected: 'chip--result-rejected',
  interrupted: 'chip--warn',
  rolled_back: 'chip--warn',
  awaiting_approval: 'chip--accent',
  running: 'chip--accent',
};

/** Every tool call the task made: what ran, how it ended, who approved it, what it cost. */
export function TaskLog({ calls }: { calls: TaskSteps['toolCalls'] }) {
  if (calls.length === 0) return <p className="dash-empty">No tool calls yet.</p>;
  return (
    <div className="tdv-log__scroll" role="region" aria-label="Tool calls" tabIndex={0}>
      <table className="tdv-log">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Tool</th>
            <th scope="col">Status</th>
            <th scope="col">Approved by</th>
            <th scope="col" className="num">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call, i) => (
            <tr key={i}>
              <td className="nowrap">
                <time dateTime={call.createdAt} title={formatFull(call.createdAt)}>
                  {formatClock(call.createdAt)}
                </time>
              </td>
              <td>
                <code className="tdv-tool">{call.tool}</code>
                {call.error && <div className="tdv-log__error">{call.error}</div>}
              </td>
              <td>
                <span className={`chip ${STATUS_TONE[call.status] ?? ''}`}>{call.status.replace(/_/g, ' ')}</span>
              </td>
              <td className="muted" title={call.approver ?? undefined}>
                {approverLabel(call.approver)}
              </td>
              <td className="num">{call.costUsd === null ? <span className="muted">—</span> : formatUsd(call.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "policy:always" → "Allowed by setting", "grant:…" → "Remembered approval", "user:…" (a person answered the approval) → "You", others as recorded. */
function approverLabel(approver: string | null): string {
  if (!approver) return '—';
  if (approver.startsWith('policy:')) return 'Allowed by setting';
  if (approver.startsWith('grant:')) return 'Remembered approval';
  if (approver.startsWith('user:')) return 'You';
  return approver;
}
