import { useEffect, useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { Task } from '../../../src-preload/contract.js';
import type { TaskSteps } from '../../../src-preload/schemas/artifacts.js';
import { DashSection, InlineError, LoadingLine } from '../../ui/dashboard-page.js';
import { useApi } from '../../app/dashboards-context.js';
import { routeHash } from '../../app/hash-route.js';
import { useStores } from '../../app/stores-context.js';
import { createTaskDetailStore, isTaskActive, type TaskDetailStore, type TaskProgress } from '../../state/task-detail-store.js';
import { ConnectionBanner } from '../../ui/connection-banner.js';
import { formatFull } from '../../ui/format-time.js';
import { TaskSourcesSection } from '../knowledge/task-sources.js';
import { PreviewDialog } from '../previews/preview-dialog.js';
import { CancelTaskDialog } from './cancel-task-dialog.js';
import { TaskApprovals } from './task-approvals.js';
import { TaskLog } from './task-log.js';
import { TaskCostCard, TaskFilesCard } from './task-side-cards.js';
import { formatDuration, TaskStatusBadge } from './task-status.js';
import { TaskStepsList } from './task-steps.js';
import './task-detail.css';

/**
 * #/tasks/<id>: everything about one task — the request, the Manager's plan, each step with its
 * output and the Supervisor's reviews, cost, the tool-call log and the files it wrote (each opens a
 * preview). Live while the task runs; Cancel asks first.
 */
export function TaskDetailView({ taskId }: { taskId: string }) {
  const api = useApi();
  const store = useMemo(() => createTaskDetailStore(api, taskId), [api, taskId]);
  useEffect(() => {
    const stopEvents = api.onEvent((event) => store.getState().applyEvent(event));
    // Events missed while the connection was down: fetch everything again once it is back.
    let seenOpen = false;
    const stopConnection = api.onConnectionChange((state) => {
      if (state !== 'open') return;
      if (seenOpen) void store.getState().load();
      seenOpen = true;
    });
    void store.getState().load();
    return () => {
      stopEvents();
      stopConnection();
    };
  }, [api, store]);
  return <TaskDetailScreen store={store} />;
}

// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
function TaskDetailScreen({ store }: { store: TaskDetailStore }) {
  const s = useStore(store);
  const maxIterations = useStore(useStores().app, (a) => a.settings?.agent.maxIterations ?? 3);
  const [previewPath, setPreviewPath] = useState<string | null>(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const headingId = useId();
  const title = s.task?.title ?? 'Task';
  useEffect(() => {
    document.title = `${title} — Steward`;
  }, [title]);

  const conversationHref = s.task?.conversationId ? routeHash({ kind: 'chat', conversationId: s.task.conversationId }) : null;
  const active = isTaskActive(s.task);

  return (
    <main className="dash task-detail" aria-labelledby={headingId} aria-busy={s.status === 'loading'}>
      <header className="dash-header task-detail__header">
        <div className="dash-heading task-detail__heading">
          <a className="tdv-back" href={conversationHref ?? '#/'}>
            ← {conversationHref ? 'Back to the conversation' : 'Back to chat'}
          </a>
          <div className="task-detail__title-row">
            <h1 id={headingId} className="dash-title">
              {title}
            </h1>
            {s.task && <TaskStatusBadge status={s.task.status} />}
          </div>
          {s.task && (
            <p className="dash-description">
              Started <time dateTime={s.task.createdAt}>{formatFull(s.task.createdAt)}</time> · Updated{' '}
              <time dateTime={s.task.updatedAt}>{formatFull(s.task.updatedAt)}</time>
            </p>
          )}
        </div>
        {active && (
          <div className="dash-actions">
            <button type="button" className="button button--ghost-danger" onClick={() => setConfirmingCancel(true)} disabled={s.cancelling}>
              {s.cancelling ? 'Cancelling…' : 'Cancel task'}
            </button>
          </div>
        )}
      </header>
      <ConnectionBanner />
      <div className="dash-body">
        {s.status === 'loading' && (
          <LoadingLine>Loading the task…</LoadingLine>
        )}
        {s.status === 'not-found' && (
          <div className="dash-empty tdv-missing" role="alert">
            <p>
              <strong>This task does not exist.</strong> It may have been deleted, or the link is wrong.
            </p>
            <p>
              <a className="link-button" href="#/">
                Go to the chat
              </a>{' '}
              ·{' '}
              <button type="button" className="link-button" onClick={() => void store.getState().load()}>
                Try again
              </button>
            </p>
          </div>
        )}
        {s.status === 'error' && <InlineError message={s.error} onRetry={() => void store.getState().load()} />}
        {s.task && s.status !== 'not-found' && (
          <>
            <InlineError message={s.cancelError} />
            <ProgressCard task={s.task} detail={s.detail} progress={s.progress} />
            <TaskApprovals
              approvals={s.pendingApprovals}
              taskId={s.taskId}
              conversationHref={conversationHref}
              responding={s.responding}
              error={s.respondError}
              onRespond={(id, decision) => void store.getState().respond(id, decision)}
            />
            <div className="dash-columns">
              <div className="dash-col-main">
                {s.detail?.request && (
                  <DashSection title="Request">
                    <blockquote className="tdv-request">{s.detail.request}</blockquote>
                  </DashSection>
                )}
                <DashSection title="Plan">
                  {s.detail?.plan ? (
                    <div className="tdv-plan">
                      <p className="tdv-plan__title">{s.detail.plan.title}</p>
                      {s.detail.plan.summary && <p className="muted">{s.detail.plan.summary}</p>}
                    </div>
                  ) : (
                    <p className="muted small">No plan was needed for this task.</p>
                  )}
                  {s.detail && <TaskStepsList steps={s.detail.steps} maxIterations={maxIterations} />}
                </DashSection>
                <DashSection title="Log">{s.detail && <TaskLog calls={s.detail.toolCalls} />}</DashSection>
              </div>
              <div className="dash-col-side">
                <TaskFilesCard files={s.files} error={s.filesError} onRetry={() => void store.getState().refresh()} onOpen={setPreviewPath} />
                {s.detail && <TaskCostCard calls={s.detail.toolCalls} />}
                {s.task.summary && (
                  <DashSection title="Summary">
                    <p className="tdv-summary">{s.task.summary}</p>
                  </DashSection>
                )}
                {!active && <TaskSourcesSection taskId={s.taskId} version={s.task.updatedAt} />}
              </div>
            </div>
          </>
        )}
      </div>
      {previewPath && <PreviewDialog path={previewPath} taskId={s.taskId} onClose={() => setPreviewPath(null)} />}
      {confirmingCancel && s.task && (
        <CancelTaskDialog
          title={s.task.title}
          onClose={() => setConfirmingCancel(false)}
          onConfirm={() => {
            setConfirmingCancel(false);
            void store.getState().cancel();
          }}
        />
      )}
    </main>
  );
}

/** Step i of n with a bar: live from task.progress while running, from the steps once finished. */
function ProgressCard({ task, detail, progress }: { task: Task; detail: TaskSteps | null; progress: TaskProgress | null }) {
  const total = progress?.total ?? (task.totalSteps || detail?.steps.length || 0);
  if (total === 0) return null;
  const done = detail ? detail.steps.filter((step) => step.status === 'succeeded').length : task.step;
  const percent = task.status === 'succeeded' ? 100 : Math.round((Math.min(done, total) / total) * 100);
  const current = progress?.step ?? Math.min(task.step || done, total);
  const running = detail?.steps.find((step) => step.status === 'running');
  const label = progress?.label ?? running?.title ?? null;
  const active = isTaskActive(task);
  return (
    <section className="dash-card tdv-progress" aria-label="Progress">
      <div className="tdv-progress__row">
        <span className="tdv-progress__step">{active ? `Step ${Math.max(current, 1)} of ${total}` : `${done} of ${total} steps done`}</span>
        {active && label && <span className="tdv-progress__label">{label}</span>}
        <span className="tdv-progress__eta muted small">{active && progress?.etaSeconds != null ? `about ${formatDuration(progress.etaSeconds)} left` : `${percent}%`}</span>
      </div>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={`${percent}% done`}>
        <span className={`progress-fill tdv-progress__fill tdv-progress__fill--${task.status}`} style={{ width: `${percent}%` }} />
      </div>
    </section>
  );
}
