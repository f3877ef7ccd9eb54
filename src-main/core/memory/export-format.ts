/**
 * The JSON file memory exports and imports (also the GDPR export): complete — entities, facts
 * with their full time data, history, episodes, questions, task runs and workflows — and stable
 * ids, so importing the same file twice adds nothing the second time.
 */
import { z } from 'zod';
import { ENTITY_TYPES, FACT_CATEGORIES, FactSourceSchema, FactStatusSchema, ValidityDateSchema } from '../../../src-preload/schemas/memory.js';

export const MEMORY_EXPORT_FORMAT = 'steward-memory';
export const MEMORY_EXPORT_VERSION = 1;

const Id = z.string().min(1, 'must not be empty').max(64, 'is too long (max 64 characters)');
const Time = z.iso.datetime({ message: 'must be an ISO date-time such as 2024-05-01T09:30:00.000Z' });
const Text = (max: number) => z.string().min(1, 'must not be empty').max(max, `is too long (max ${max} characters)`);

export const ExportedEntitySchema = z
  .object({
    id: Id,
    type: z.enum(ENTITY_TYPES),
    name: Text(100),
    aliases: z.array(Text(100)),
    role: z.enum(['self', 'own_company']).nullable(),
    summary: z.string().max(4000).nullable(),
    summarisedAt: Time.nullable(),
    createdAt: Time,
    updatedAt: Time,
    lastMentionedAt: Time,
  })
  .strict();

export const ExportedFactSchema = z
  .object({
    id: Id,
    subjectEntityId: Id,
    predicate: z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'must be snake_case such as email or reports_to'),
    object: Text(300),
    objectEntityId: Id.nullable(),
    category: z.enum(FACT_CATEGORIES),
    confidence: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
    status: FactStatusSchema,
    source: FactSourceSchema,
    sourceMessageId: z.string().max(64).nullable(),
    sourceConversationId: z.string().max(64).nullable(),
    validFrom: ValidityDateSchema.nullable(),
    validTo: ValidityDateSchema.nullable(),
    learnedAt: Time,
    updatedAt: Time,
    retiredAt: Time.nullable(),
    retiredReason: z.string().max(500).nullable(),
    supersededBy: Id.nullable(),
    useCount: z.number().int().nonnegative(),
    lastUsedAt: Time.nullable(),
  })
  .strict();

export const ExportedRelationshipSchema = z.object({ id: Id, factId: Id, fromEntityId: Id, type: z.string().min(1), toEntityId: Id }).strict();

export const ExportedHistorySchema = z
  .object({
    factId: Id,
    at: Time,
    change: z.enum(['created', 'confirmed', 'edited', 'superseded', 'retired', 'conflict', 'resolved', 'imported']),
    detail: z.string().max(2000),
  })
  .strict();

export const ExportedEpisodeSchema = z
  .object({
    id: Id,
    conversationId: z.string().max(64).nullable(),
    messageId: z.string().max(64).nullable(),
    role: z.enum(['user', 'assistant']),
    text: z.string().max(200_000),
    redactions: z.number().int().nonnegative(),
    createdAt: Time,
    entityIds: z.array(Id),
  })
  .strict();

export const ExportedQuestionSchema = z
  .object({
    id: Id,
    kind: z.enum(['conflict', 'expiry', 'workflow', 'confirm']),
    text: Text(2000),
    status: z.enum(['open', 'answered']),
    signature: z.string().max(500).nullable(),
    payload: z.record(z.string(), z.unknown()),
    answer: z.unknown().nullable(),
    createdAt: Time,
    answeredAt: Time.nullable(),
    factIds: z.array(Id),
  })
  .strict();

export const ExportedTaskRunSchema = z
  .object({ signature: Text(500), kind: Text(100), summary: Text(500), params: z.record(z.string(), z.unknown()), at: Time })
  .strict();

export const ExportedWorkflowSchema = z
  .object({
    id: Id,
    signature: Text(500),
    name: Text(120),
    kind: Text(100),
    summary: Text(500),
    params: z.record(z.string(), z.unknown()),
    createdAt: Time,
    runCount: z.number().int().nonnegative(),
    lastRunAt: Time.nullable(),
  })
  .strict();

export const MemoryExportFileSchema = z
  .object({
    format: z.literal(MEMORY_EXPORT_FORMAT, { error: `must be "${MEMORY_EXPORT_FORMAT}" — this is not a Steward memory export` }),
    version: z.literal(MEMORY_EXPORT_VERSION, { error: `must be ${MEMORY_EXPORT_VERSION} — the file comes from a newer Steward; update the app first` }),
    exportedAt: Time,
    entities: z.array(ExportedEntitySchema),
    facts: z.array(ExportedFactSchema),
    relationships: z.array(ExportedRelationshipSchema),
    history: z.array(ExportedHistorySchema),
    episodes: z.array(ExportedEpisodeSchema),
    questions: z.array(ExportedQuestionSchema),
    taskRuns: z.array(ExportedTaskRunSchema),
    workflows: z.array(ExportedWorkflowSchema),
  })
  .strict();
export type MemoryExportFile = z.infer<typeof MemoryExportFileSchema>;
