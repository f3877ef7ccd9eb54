import { z } from 'zod';
import { spec } from './method-spec.js';
import { IdSchema } from './entities.js';

/**
 * Scheduled and recurring tasks: a request Steward runs by itself — on a cron schedule or once —
 * in the user's time zone. Shown back in words before it is saved; runs missed while Steward was
 * closed are run once or skipped (the user's choice per schedule); tools can be pre-approved per
 * schedule, except financial ones, which always ask.
 */

export const TimeZoneSchema = z.string().trim().min(1, 'is empty — use a time zone such as Europe/Lisbon').max(64);
export const MissedPolicySchema = z.enum(['run_once', 'skip']);

const ScheduleFields = {
  title: z.string().trim().min(1, 'is empty').max(120, 'is too long (max 120 characters)'),
  /** What Steward is asked to do each time, as if typed in the chat. */
  request: z.string().trim().min(1, 'is empty — say what Steward should do').max(4000, 'is too long (max 4,000 characters)'),
  /** Five fields (minute hour day month weekday), e.g. "0 9 * * 1" for Mondays at 9:00. */
  cron: z.string().trim().max(120).nullable(),
  /** One-off: local date and time in the time zone, "2026-12-24T18:00". */
  runAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'must be a local date and time such as 2026-12-24T18:00')
    .nullable(),
  timeZone: TimeZoneSchema,
  missedPolicy: MissedPolicySchema,
  preApprovedTools: z.array(z.string().min(1).max(64)).max(20),
};

export const ScheduleInputSchema = z
  .object({
    ...ScheduleFields,
    cron: ScheduleFields.cron.default(null),
    runAt: ScheduleFields.runAt.default(null),
    missedPolicy: MissedPolicySchema.default('run_once'),
    preApprovedTools: ScheduleFields.preApprovedTools.default([]),
    conversationId: IdSchema.nullable().default(null),
  })
  .strict()
  .refine((v) => (v.cron === null) !== (v.runAt === null), { message: 'give either cron (recurring) or runAt (once), not both', path: ['cron'] });
export type ScheduleInput = z.input<typeof ScheduleInputSchema>;

export const ScheduleRunSchema = z.object({
  id: IdSchema,
  scheduleId: IdSchema,
  dueAt: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(['running', 'waiting_approval', 'succeeded', 'failed', 'skipped']),
  detail: z.string().nullable(),
});
export type ScheduleRun = z.infer<typeof ScheduleRunSchema>;

export const ScheduleSchema = z.object({
  id: IdSchema,
  title: z.string(),
  request: z.string(),
  kind: z.enum(['cron', 'once']),
  cron: z.string().nullable(),
  runAt: z.string().nullable(),
  timeZone: z.string(),
  missedPolicy: MissedPolicySchema,
  preApprovedTools: z.array(z.string()),
  conversationId: IdSchema.nullable(),
  paused: z.boolean(),
  /** When it runs next (ISO, UTC); null when paused or a one-off that already ran. */
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastResult: z.string().nullable(),
  /** "Every Monday at 09:00 (Europe/Lisbon)". */
  words: z.string(),
  createdAt: z.string(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

/** What a sentence would schedule, shown back for confirmation before anything is saved. */
export const ScheduleProposalSchema = z.object({
  title: z.string(),
  request: z.string(),
  cron: z.string().nullable(),
  runAt: z.string().nullable(),
  timeZone: z.string(),
  words: z.string(),
  /** The next few run times (ISO, UTC). */
  nextRuns: z.array(z.string()),
});
export type ScheduleProposal = z.infer<typeof ScheduleProposalSchema>;

export const ScheduleUpdateSchema = z
  .object({
    id: IdSchema,
    patch: z
      .object({ ...ScheduleFields, paused: z.boolean() })
      .partial()
      .strict(),
  })
  .strict();

export const SCHEDULE_METHODS = {
  'schedules.list': spec(z.object({}).strict(), z.array(ScheduleSchema)),
  'schedules.parse': spec(z.object({ text: z.string().trim().min(1, 'is empty').max(4000), timeZone: TimeZoneSchema }).strict(), ScheduleProposalSchema),
  'schedules.create': spec(ScheduleInputSchema, ScheduleSchema, true),
  'schedules.update': spec(ScheduleUpdateSchema, ScheduleSchema, true),
  'schedules.delete': spec(z.object({ id: IdSchema }).strict(), z.object({ deleted: z.boolean() }), true),
  'schedules.runs': spec(z.object({ id: IdSchema, limit: z.number().int().min(1).max(200).optional() }).strict(), z.array(ScheduleRunSchema)),
};
