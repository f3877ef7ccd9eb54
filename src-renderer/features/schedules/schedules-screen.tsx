import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Schedule, ScheduleProposal } from '../../../src-preload/contract.js';
import { DashboardPage, DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useApi } from '../../app/dashboards-context.js';
import { useApiAction } from '../mcp/use-api-action.js';

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** Schedules: write when and what in a sentence, check it in words, save; then next run, last result, pause, delete. */
// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function SchedulesScreen() {
  const api = useApi();
  const [schedules, setSchedules] = useState<Schedule[]>([]);
  const [text, setText] = useState('');
  const [proposal, setProposal] = useState<ScheduleProposal | null>(null);
  const [missedPolicy, setMissedPolicy] = useState<'run_once' | 'skip'>('run_once');
  const [editing, setEditing] = useState<{ id: string; request: string; when: string } | null>(null);
  const load = useApiAction();
  const edit = useApiAction();
  const loadRun = load.run;
  const refresh = useCallback(() => void loadRun(async () => setSchedules(await api.call('schedules.list', {}))), [api, loadRun]);
  useEffect(refresh, [refresh]);

  const preview = async (event: FormEvent) => {
    event.preventDefault();
    setProposal(await edit.run(() => api.call('schedules.parse', { text, timeZone: localZone() })));
  };
  const save = async () => {
    if (!proposal) return;
    const saved = await edit.run(() => api.call('schedules.create', { title: proposal.title, request: proposal.request, cron: proposal.cron, runAt: proposal.runAt, timeZone: proposal.timeZone, missedPolicy }));
    if (saved) {
      setProposal(null);
      setText('');
      refresh();
    }
  };
  const change = (run: () => Promise<unknown>) => void edit.run(run).then(refresh);
  const saveEdit = async (schedule: Schedule) => {
    if (!editing) return;
    const when = editing.when.trim();
    // A date-time is a one-off; anything else is a cron expression. The core checks both and says what is wrong.
    const timing = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(when) ? { runAt: when } : { cron: when };
    const saved = await edit.run(() => api.call('schedules.update', { id: schedule.id, patch: { request: editing.request, ...timing } }));
    if (saved) {
      setEditing(null);
      refresh();
    }
  };

  return (
    <DashboardPage title="Schedules" description="Requests Steward runs by itself, on a schedule in your time zone. Anything that needs approval sends a notification and waits for you; payments always ask.">
      <DashSection title="New schedule">
        <form className="filter-row" aria-label="New schedule" onSubmit={(e) => void preview(e)}>
          <input className="text-input grow" aria-label="When and what" value={text} onChange={(e) => setText(e.target.value)} placeholder="every Monday at 9 send the weekly report to the team" />
          <button type="submit" className="button" disabled={edit.busy || !text.trim()}>
            Preview
          </button>
        </form>
        {proposal && (
          <div className="dash-success" role="status" data-testid="schedule-proposal">
            <p>
              <strong>{proposal.words}</strong>: “{proposal.request}”
            </p>
            <p>Next runs: {proposal.nextRuns.map(when).join(' · ')}</p>
            <label>
              If Steward was closed when it was due{' '}
              <select className="text-input" value={missedPolicy} onChange={(e) => setMissedPolicy(e.target.value as 'run_once' | 'skip')}>
                <option value="run_once">run it once when Steward starts</option>
                <option value="skip">skip it</option>
              </select>
            </label>
            <button type="button" className="button button--primary" onClick={() => void save()} disabled={edit.busy}>
              Save schedule
            </button>
          </div>
        )}
        <InlineError message={edit.error} />
      </DashSection>
      <DashSection title="Scheduled">
        <InlineError message={load.error} onRetry={refresh} />
        {schedules.length === 0 && <p className="dash-empty">Nothing scheduled. Describe one above, or ask in the chat — e.g. “every Monday at 9 send the weekly report”.</p>}
        {schedules.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th>What</th>
                <th>When</th>
                <th>Next run</th>
                <th>Last result</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {schedules.map((s) => (
                <tr key={s.id}>
                  <td>
                    {editing?.id === s.id ? (
                      <input className="text-input" aria-label="Request" value={editing.request} onChange={(e) => setEditing({ ...editing, request: e.target.value })} />
                    ) : (
                      s.request
                    )}
                  </td>
                  <td>
                    {editing?.id === s.id && (
                      <input className="text-input" aria-label="Cron expression or date-time" value={editing.when} onChange={(e) => setEditing({ ...editing, when: e.target.value })} />
                    )}
                    {s.words}
                    {s.missedPolicy === 'skip' ? ' · missed runs skipped' : ' · a missed run runs once'}
                  </td>
                  <td>{s.paused ? 'Paused' : when(s.nextRunAt)}</td>
                  <td>{s.lastResult ?? '—'}</td>
                  <td>
                    {editing?.id === s.id ? (
                      <>
                        <button type="button" className="link-button" onClick={() => void saveEdit(s)}>
                          Save
                        </button>{' '}
                        <button type="button" className="link-button" onClick={() => setEditing(null)}>
                          Cancel
                        </button>{' '}
                      </>
                    ) : (
                      <>
                        <button type="button" className="link-button" onClick={() => setEditing({ id: s.id, request: s.request, when: s.cron ?? s.runAt ?? '' })}>
                          Edit
                        </button>{' '}
                      </>
                    )}
                    <button type="button" className="link-button" onClick={() => change(() => api.call('schedules.update', { id: s.id, patch: { paused: !s.paused } }))}>
                      {s.paused ? 'Resume' : 'Pause'}
                    </button>{' '}
                    <button type="button" className="link-button" onClick={() => change(() => api.call('schedules.update', { id: s.id, patch: { missedPolicy: s.missedPolicy === 'skip' ? 'run_once' : 'skip' } }))}>
                      {s.missedPolicy === 'skip' ? 'Run missed once' : 'Skip missed'}
                    </button>{' '}
                    <button type="button" className="link-button" onClick={() => change(() => api.call('schedules.delete', { id: s.id }))}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </DashSection>
    </DashboardPage>
  );
}
