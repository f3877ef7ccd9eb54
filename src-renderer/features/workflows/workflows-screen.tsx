import { useCallback, useEffect, useState } from 'react';
import type { WorkflowInfo, WorkflowRequestInfo, WorkflowRunDetail, WorkflowRunSummary } from '../../../src-preload/contract.js';
import { DashboardPage, DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useApi } from '../../app/dashboards-context.js';
import { useApiAction } from '../mcp/use-api-action.js';
import { WorkflowRequestCard } from './workflow-inbox.js';
import { WorkflowRunDetailView } from './workflow-run-detail.js';
import { WorkflowAddForm } from './workflow-add-form.js';
import { WorkflowStartForm } from './workflow-start-form.js';
import './workflows.css';

/** Runs move on their own (tool steps, other people's answers): the screen looks again this often while open. */
const REFRESH_MS = 4000;

/** Workflows: what waits for you, starting a run, and every run as a timeline of who did what. */
// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function WorkflowsScreen() {
  const api = useApi();
  const [workflows, setWorkflows] = useState<WorkflowInfo[]>([]);
  const [inbox, setInbox] = useState<WorkflowRequestInfo[]>([]);
  const [runs, setRuns] = useState<WorkflowRunSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<WorkflowRunDetail | null>(null);
  const load = useApiAction();
  const act = useApiAction();
  const loadRun = load.run;

  const refresh = useCallback(
    () =>
      void loadRun(async () => {
        const [all, mine, recent] = await Promise.all([api.call('workflows.list', {}), api.call('workflows.inbox', {}), api.call('workflows.runs', {})]);
        setWorkflows(all);
        setInbox(mine);
        setRuns(recent);
        if (selected) setDetail(await api.call('workflows.run', { id: selected }));
      }),
    [api, loadRun, selected],
  );
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const show = (next: WorkflowRunDetail | null) => {
    if (!next) return;
    setSelected(next.run.id);
    setDetail(next);
    refresh();
  };

  return (
    <DashboardPage title="Workflows" description="Multi-step work with approvals routed to the right person: each step is recorded as it happens, and side effects still ask on their own approval cards.">
      <InlineError message={load.error} onRetry={refresh} />
      <DashSection title="Waiting for you">
        {inbox.length === 0 ? (
          <p className="muted">Nothing is waiting for your approval or answer.</p>
        ) : (
          inbox.map((request) => (
            <WorkflowRequestCard
              key={request.id}
              request={request}
              busy={act.busy}
              onRespond={(decision, text) =>
                void act
                  .run(() => api.call('workflows.respond', { requestId: request.id, decision, ...(decision === 'answer' ? { answer: text } : text.trim() ? { comment: text } : {}) }))
                  .then(show)
              }
            />
          ))
        )}
      </DashSection>
      <DashSection title="Start a workflow">
        <WorkflowStartForm workflows={workflows} busy={act.busy} onStart={(workflowId, inputs) => void act.run(() => api.call('workflows.start', { workflowId, inputs })).then(show)} />
        <InlineError message={act.error} />
      </DashSection>
      <DashSection title="Add a workflow">
        <WorkflowAddForm onAdded={refresh} />
      </DashSection>
      <DashSection title="Runs">
        {runs.length === 0 ? (
          <p className="muted">No runs yet. Start one above, or ask in the chat.</p>
        ) : (
          <ul className="plain-list">
            {runs.map((run) => (
              <li key={run.id}>
                <button type="button" className="link-button" aria-pressed={selected === run.id} onClick={() => void act.run(() => api.call('workflows.run', { id: run.id })).then(show)}>
                  {run.title}
                </button>{' '}
                <span className={`workflow-status workflow-status--${run.status}`}>{run.status}</span> <span className="muted">{new Date(run.createdAt).toLocaleString()}</span>
              </li>
            ))}
          </ul>
        )}
        {detail && (
          <WorkflowRunDetailView
            detail={detail}
            busy={act.busy}
            onCancel={() => void act.run(() => api.call('workflows.cancel', { id: detail.run.id })).then(show)}
            onRetry={(stepId) => void act.run(() => api.call('workflows.retryStep', { id: detail.run.id, stepId })).then(show)}
          />
        )}
      </DashSection>
    </DashboardPage>
  );
}
