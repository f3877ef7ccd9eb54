import { DashboardPage } from './dashboard-page.js';

/**
 * #/tasks/<id>. The task detail view belongs to the agent-activity feature
 * (src-renderer/features/tasks/task-detail-view.tsx, `TaskDetailView({ taskId })`); until it lands
 * this route says where the task lives instead of showing nothing.
 * When it exists, replace the body with: return <TaskDetailView taskId={taskId} />;
 */
export function TaskRoute({ taskId }: { taskId: string }) {
  return (
    <DashboardPage title="Task" description={`Task ${taskId}`}>
      <p className="dash-empty">The task detail view is not available in this build yet. Open the conversation that started the task to follow it.</p>
    </DashboardPage>
  );
}
