import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Schedule, ScheduleProposal } from '../../../src-preload/contract.js';
import { DashboardPage, DashSection, InlineError } from '../../app/dashboard-page.js';
import { useApi } from '../../app/dashboards-context.js';
import { useApiAction } from '../mcp/use-api-action.js';

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** Schedules: write when and what in a sentence, check it in words, save; then next run, last result, pause, delete. */
export function SchedulesScreen() {
  const api = useApi();
  const [schedules, setSchedules] = useState<Schedule[]>([]);
  const [text, setText] = useState('');
  const [proposal, setProposal] = useState<ScheduleProposal | null>(null);
  const [missedPolicy, setMissedPolicy] = useState<'run_once' | 'skip'>('run_once');
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
        {schedules.length === 0 && <p className="dash-empty">Nothing scheduled. Describe one above, or type /schedule in the chat.</p>}
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
                  <td>{s.request}</td>
                  <td>
                    {s.words}
                    {s.missedPolicy === 'skip' ? ' · missed runs skipped' : ' · a missed run runs once'}
                  </td>
                  <td>{s.paused ? 'Paused' : when(s.nextRunAt)}</td>
                  <td>{s.lastResult ?? '—'}</td>
                  <td>
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
