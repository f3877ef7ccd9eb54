/**
 * Handlers of the preview methods and the task step detail. Previews read files (async, outside
 * the transaction); tasks.steps is one read (sync).
 */
import type { z } from 'zod';
import type { ArtifactsDiffInputSchema, ArtifactsDownloadInputSchema, ArtifactsListInputSchema, ArtifactsPreviewInputSchema, TasksStepsInputSchema } from '../../../../src-preload/schemas/artifacts.js';
import { diffWorkspaceFile } from '../../artifacts/file-diff.js';
import { downloadWorkspaceFile } from '../../artifacts/download-file.js';
import { previewWorkspaceFile } from '../../artifacts/preview-file.js';
import { readTaskSteps } from '../../artifacts/task-steps.js';
import { listTaskOutputs } from '../../artifacts/task-outputs.js';
import { taskWorkspaceDir } from '../../artifacts/task-workspace.js';
import { handlersUsing } from '../handler.js';

const { sync, async } = handlersUsing<'core'>();

export const artifactHandlers = {
  'artifacts.preview': async((input: z.output<typeof ArtifactsPreviewInputSchema>, { core }) => previewWorkspaceFile(taskWorkspaceDir(core.db, core.paths.workspaceDir, input.taskId), input.path)),
  'artifacts.download': async((input: z.output<typeof ArtifactsDownloadInputSchema>, { core }) => downloadWorkspaceFile(taskWorkspaceDir(core.db, core.paths.workspaceDir, input.taskId), input.path)),
  'artifacts.diff': async((input: z.output<typeof ArtifactsDiffInputSchema>, { core }) => diffWorkspaceFile(taskWorkspaceDir(core.db, core.paths.workspaceDir, input.taskId), input.path, input.proposed)),
  // A task's card lists only what that task produced, not the shared workspace (task-outputs.ts).
  'artifacts.list': async((input: z.output<typeof ArtifactsListInputSchema>, { core }) => listTaskOutputs(core.db, core.paths.workspaceDir, input.taskId)),
  'tasks.steps': sync((input: z.output<typeof TasksStepsInputSchema>, { core }) => readTaskSteps(core.db, input.id)),
};
