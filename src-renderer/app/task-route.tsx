import { TaskDetailView } from '../features/task-detail/task-detail-view.js';

/** #/tasks/<id>: one task's detail (plan, steps, outputs, cost, log, files). */
export function TaskRoute({ taskId }: { taskId: string }) {
  return <TaskDetailView key={taskId} taskId={taskId} />;
}
