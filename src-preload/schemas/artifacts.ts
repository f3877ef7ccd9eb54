import { z } from 'zod';
import { spec } from './method-spec.js';
import { IdSchema } from './entities.js';

/**
 * Payloads of the preview methods (what a task produced, shown before the user acts on it) and of
 * the task step detail. Paths are relative to the profile's workspace folder; the core confines
 * them there and refuses anything that leads outside (DESIGN §4.1: enforcement fails closed).
 */

const WorkspaceRelativePathSchema = z
  .string({ error: 'must be a path relative to the workspace, such as "reports/summary.docx"' })
  .min(1, 'must not be empty; use a path relative to the workspace, such as "reports/summary.docx"')
  .max(512, 'must be at most 512 characters');

/**
 * A planned task works in its own folder (workspace/tasks/<id>); give its id and the path is read
 * relative to that folder, as the task's tools and approvals name it.
 */
const TaskScopeSchema = IdSchema.optional();

export const ArtifactsPreviewInputSchema = z.object({ path: WorkspaceRelativePathSchema, taskId: TaskScopeSchema }).strict();

/** One readable rendering of a workspace file; which kind depends on the file type. */
export const ArtifactPreviewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), path: z.string(), mime: z.string(), dataUrl: z.string() }),
  /** HTML already reduced by the core to a small tag allowlist (no scripts, styles, handlers or external links but http/https/mailto). */
  z.object({ kind: z.literal('html'), path: z.string(), html: z.string() }),
  z.object({
    kind: z.literal('table'),
    path: z.string(),
    sheets: z.array(z.object({ name: z.string(), rows: z.array(z.array(z.string())), truncated: z.boolean() })),
  }),
  z.object({ kind: z.literal('text'), path: z.string(), text: z.string(), language: z.string().optional(), truncated: z.boolean() }),
  z.object({ kind: z.literal('pdf'), path: z.string(), pages: z.array(z.string()) }),
]);
export type ArtifactPreview = z.infer<typeof ArtifactPreviewSchema>;

/** A workspace file's bytes as they are on disk (base64), for the preview's Download button. */
export const ArtifactsDownloadInputSchema = z.object({ path: WorkspaceRelativePathSchema, taskId: TaskScopeSchema }).strict();
export const ArtifactDownloadSchema = z.object({ path: z.string(), fileName: z.string(), mime: z.string(), base64: z.string() });
export type ArtifactDownload = z.infer<typeof ArtifactDownloadSchema>;

export const ArtifactsDiffInputSchema = z
  .object({
    path: WorkspaceRelativePathSchema,
    taskId: TaskScopeSchema,
    proposed: z.string({ error: 'must be the proposed file content' }).max(2_000_000, 'is too long to compare (max 2,000,000 characters)'),
  })
  .strict();

export const DiffLineSchema = z.object({
  type: z.enum(['equal', 'delete', 'insert']),
  /** The line without its terminator. */
  text: z.string(),
  /** 1-based line number in the current file (null for inserted lines). */
  oldNumber: z.number().int().positive().nullable(),
  /** 1-based line number in the proposed file (null for deleted lines). */
  newNumber: z.number().int().positive().nullable(),
});
export type DiffLine = z.infer<typeof DiffLineSchema>;

export const DiffHunkSchema = z.object({
  oldStart: z.number().int().nonnegative(),
  oldLines: z.number().int().nonnegative(),
  newStart: z.number().int().nonnegative(),
  newLines: z.number().int().nonnegative(),
  lines: z.array(DiffLineSchema),
});
export type DiffHunk = z.infer<typeof DiffHunkSchema>;

export const ArtifactDiffSchema = z.object({
  path: z.string(),
  /** False when the file does not exist yet (everything is an addition). */
  exists: z.boolean(),
  before: z.string(),
  after: z.string(),
  additions: z.number().int().nonnegative(),
  deletions: z.number().int().nonnegative(),
  hunks: z.array(DiffHunkSchema),
});
export type ArtifactDiff = z.infer<typeof ArtifactDiffSchema>;

export const ArtifactsListInputSchema = z.object({ taskId: TaskScopeSchema }).strict();

/** Which preview a listed file gets (the `kind` artifacts.preview will answer), or null when it is binary. */
export const ArtifactPreviewKindSchema = z.enum(['image', 'html', 'table', 'text', 'pdf']).nullable();
export type ArtifactPreviewKind = z.infer<typeof ArtifactPreviewKindSchema>;

export const ArtifactFileSchema = z.object({
  /** Relative to the folder listed (the task's folder when a task id was given), as artifacts.preview takes it. */
  path: z.string(),
  size: z.number().int().nonnegative(),
  modifiedAt: z.string(),
  preview: ArtifactPreviewKindSchema,
});
export type ArtifactFile = z.infer<typeof ArtifactFileSchema>;

export const ArtifactListSchema = z.object({
  files: z.array(ArtifactFileSchema),
  /** True when the folder held more files than a listing returns. */
  truncated: z.boolean(),
});
export type ArtifactList = z.infer<typeof ArtifactListSchema>;

export const TasksStepsInputSchema = z.object({ id: IdSchema }).strict();

export const TaskReviewSchema = z.object({
  iteration: z.number().int(),
  verdict: z.enum(['pass', 'revise', 'fail']),
  reasons: z.array(z.string()),
});

export const TaskStepSchema = z.object({
  index: z.number().int().nonnegative(),
  title: z.string(),
  tool: z.string().nullable(),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'interrupted']),
  iteration: z.number().int().nonnegative(),
  estimateSeconds: z.number().nonnegative(),
  durationSeconds: z.number().nonnegative().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** What the step produced, as the Employee reported it. */
  output: z.string().nullable(),
  reviews: z.array(TaskReviewSchema),
  feedback: z.array(z.string()),
});
export type TaskStep = z.infer<typeof TaskStepSchema>;

export const TaskToolCallSchema = z.object({
  tool: z.string(),
  status: z.string(),
  approver: z.string().nullable(),
  costUsd: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
});

export const TaskStepsSchema = z.object({
  taskId: IdSchema,
  /** The user's words that started the task. */
  request: z.string().nullable(),
  plan: z.object({ title: z.string(), summary: z.string() }).nullable(),
  steps: z.array(TaskStepSchema),
  toolCalls: z.array(TaskToolCallSchema),
});
export type TaskSteps = z.infer<typeof TaskStepsSchema>;

/** None of these changes anything (no audit rows). */
export const ARTIFACT_METHODS = {
  'artifacts.preview': spec(ArtifactsPreviewInputSchema, ArtifactPreviewSchema),
  'artifacts.download': spec(ArtifactsDownloadInputSchema, ArtifactDownloadSchema),
  'artifacts.diff': spec(ArtifactsDiffInputSchema, ArtifactDiffSchema),
  'artifacts.list': spec(ArtifactsListInputSchema, ArtifactListSchema),
  'tasks.steps': spec(TasksStepsInputSchema, TaskStepsSchema),
};
export type ArtifactMethodName = keyof typeof ARTIFACT_METHODS;
