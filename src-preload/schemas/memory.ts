import { z } from 'zod';
import { Empty, spec } from './method-spec.js';
import { IdSchema, IsoDateSchema } from './entities.js';

/**
 * Business memory: what Steward has learned about the user's business (facts, entities,
 * episodes), the questions it is waiting on, and the settings that govern learning. These are
 * the payloads of the `memory.*` methods used by the memory viewer, the local server and the CLI.
 */

export const FACT_CATEGORIES = ['company_info', 'team_members', 'preferences', 'projects', 'integrations', 'other'] as const;
export const FactCategorySchema = z.enum(FACT_CATEGORIES);
export type FactCategory = z.infer<typeof FactCategorySchema>;

export const ENTITY_TYPES = ['person', 'company', 'team', 'project', 'tool', 'place'] as const;
export const EntityTypeSchema = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityTypeSchema>;

/** active: believed; pending: waiting for the user to settle a contradiction; retired: no longer believed (kept for history). */
export const FactStatusSchema = z.enum(['active', 'pending', 'retired']);
export type FactStatus = z.infer<typeof FactStatusSchema>;

export const FactSourceSchema = z.enum(['learned', 'user', 'import']);
export type FactSource = z.infer<typeof FactSourceSchema>;

/**
 * Real-world validity: a year ("2023"), a month ("2023-04"), a day ("2023-04-01") or a full
 * ISO timestamp. Partial dates keep what the user actually said.
 */
export const ValidityDateSchema = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2}(T[\d:.]+Z?)?)?)?$/, 'must be a date such as 2023, 2023-04 or 2023-04-01');

export const MemoryFactSchema = z.object({
  id: IdSchema,
  subjectEntityId: IdSchema,
  subject: z.string(),
  subjectType: EntityTypeSchema,
  predicate: z.string(),
  object: z.string(),
  objectEntityId: IdSchema.nullable(),
  category: FactCategorySchema,
  confidence: z.number().min(0).max(1),
  status: FactStatusSchema,
  /** True while the fact is active and has no end date: what Steward currently believes. */
  current: z.boolean(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  learnedAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
  retiredAt: IsoDateSchema.nullable(),
  retiredReason: z.string().nullable(),
  source: FactSourceSchema,
  sourceMessageId: z.string().nullable(),
  sourceConversationId: z.string().nullable(),
  /**
   * Where the fact was read when that was not the user's own words ("the email from ana@x.com",
   * "text pasted by you"): such facts wait for the user's confirmation and are shown with it.
   */
  origin: z.string().nullable().default(null),
  supersededBy: IdSchema.nullable(),
  useCount: z.number().int().nonnegative(),
  lastUsedAt: IsoDateSchema.nullable(),
});
export type MemoryFact = z.infer<typeof MemoryFactSchema>;

export const MemoryEntitySchema = z.object({
  id: IdSchema,
  type: EntityTypeSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  /** 'self' is the user; 'own_company' is the user's business. */
  role: z.enum(['self', 'own_company']).nullable(),
  summary: z.string().nullable(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
});
export type MemoryEntity = z.infer<typeof MemoryEntitySchema>;

export const MemoryEpisodeSchema = z.object({
  id: IdSchema,
  conversationId: z.string().nullable(),
  messageId: z.string().nullable(),
  role: z.enum(['user', 'assistant']),
  /** The turn's text with sensitive data replaced by markers such as "[card number removed]". */
  text: z.string(),
  redactions: z.number().int().nonnegative(),
  createdAt: IsoDateSchema,
  /** Untrusted text this turn carried (a tool result, an email, pasted text): recalled as data, with its origin. */
  origin: z.string().nullable().default(null),
});
export type MemoryEpisode = z.infer<typeof MemoryEpisodeSchema>;

/** confirm: a suggested fact read in untrusted text (or about money and contacts) waiting for a yes. */
export const MemoryQuestionKindSchema = z.enum(['conflict', 'expiry', 'workflow', 'confirm']);

export const MemoryQuestionSchema = z.object({
  id: IdSchema,
  kind: MemoryQuestionKindSchema,
  /** The question as put to the user, e.g. "You said X before, now Y. Which is correct?" */
  text: z.string(),
  status: z.enum(['open', 'answered']),
  createdAt: IsoDateSchema,
  answeredAt: IsoDateSchema.nullable(),
  /** conflict: [earlier fact, new fact]; expiry: the facts proposed for deletion. */
  facts: z.array(MemoryFactSchema),
  /** workflow suggestions: what would be automated. */
  workflow: z.object({ kind: z.string(), summary: z.string(), occurrences: z.number().int().positive() }).nullable(),
});
export type MemoryQuestion = z.infer<typeof MemoryQuestionSchema>;

export const MemoryWorkflowSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: z.string(),
  summary: z.string(),
  params: z.record(z.string(), z.unknown()),
  createdAt: IsoDateSchema,
  runCount: z.number().int().nonnegative(),
  lastRunAt: IsoDateSchema.nullable(),
});
export type MemoryWorkflow = z.infer<typeof MemoryWorkflowSchema>;

// ---------------------------------------------------------------------------------------------
// Settings (the lead embeds this as the `memory` section of the app settings).

const learningDefaults = { company_info: true, team_members: true, preferences: true, projects: true, integrations: true, other: true };

export const MemorySettingsSchema = z
  .object({
    /** Off: nothing is learned or recalled; the viewer, export and clear still work. */
    enabled: z.boolean().default(true),
    /** Learning per category; an explicit "Remember that …" is always honoured. */
    learning: z
      .object({
        company_info: z.boolean().default(true),
        team_members: z.boolean().default(true),
        preferences: z.boolean().default(true),
        projects: z.boolean().default(true),
        integrations: z.boolean().default(true),
        other: z.boolean().default(true),
      })
      .strict()
      .prefault(learningDefaults),
    autoExpire: z
      .object({
        /** Propose deleting facts unused for `unusedDays`; nothing is deleted until the user says yes. */
        enabled: z.boolean().default(true),
        unusedDays: z.number().int('must be a whole number of days').min(7, 'must be at least 7 days').max(3650, 'must be at most 3650 days').default(180),
      })
      .strict()
      .prefault({}),
    /** Projects with no activity for this many days are summarised into one paragraph for prompts. */
    summariseProjectsAfterDays: z.number().int('must be a whole number of days').min(7, 'must be at least 7 days').max(3650, 'must be at most 3650 days').default(90),
    /** Suggest a one-click workflow when the same kind of task was done this many times. */
    suggestWorkflowsAfter: z.number().int().min(2, 'must be at least 2').max(50, 'must be at most 50').default(3),
    /**
     * Personal information memory withholds (replaced by a marker saying what was removed).
     * Health: conditions, treatments, medication. Dietary: food allergies and needs, kept by
     * default because "no shellfish at the team dinner" is business context. Credentials, cards,
     * ID and bank numbers are always withheld.
     */
    withhold: z.object({ health: z.boolean().default(true), dietary: z.boolean().default(false) }).strict().prefault({}),
  })
  .strict();
export type MemorySettings = z.output<typeof MemorySettingsSchema>;
export const DEFAULT_MEMORY_SETTINGS: MemorySettings = MemorySettingsSchema.parse({});

// ---------------------------------------------------------------------------------------------
// Method payloads.

export const MemorySearchInputSchema = z
  .object({
    query: z.string().trim().min(1, 'is empty — type what to look for').max(2000, 'is too long (max 2000 characters)'),
    limit: z.number().int().min(1).max(100).optional(),
    includeEpisodes: z.boolean().optional(),
  })
  .strict();

export const SearchDiagnosticsSchema = z.object({
  /** hybrid = vectors + keywords + entities; keyword+entity when no embedding model can be used. */
  mode: z.enum(['hybrid', 'keyword+entity']),
  /** Why vectors were not used, when they were not. */
  reason: z.string().nullable(),
  keywordHits: z.number().int().nonnegative(),
  vectorHits: z.number().int().nonnegative(),
  entityHits: z.number().int().nonnegative(),
  entities: z.array(z.string()),
  /** The reranker stage: whether a reranking model reordered the best candidates, and why not when it did not. */
  reranker: z.object({ used: z.boolean(), reason: z.string().nullable(), candidates: z.number().int().nonnegative() }).optional(),
});
export type SearchDiagnostics = z.infer<typeof SearchDiagnosticsSchema>;

export const ScoredFactSchema = z.object({
  fact: MemoryFactSchema,
  score: z.number(),
  /** Which searches found it: keyword, vector, entity. */
  via: z.array(z.enum(['keyword', 'vector', 'entity'])),
});
export const ScoredEpisodeSchema = z.object({ episode: MemoryEpisodeSchema, score: z.number(), via: z.array(z.enum(['keyword', 'vector'])) });

export const MemorySearchResultSchema = z.object({
  facts: z.array(ScoredFactSchema),
  episodes: z.array(ScoredEpisodeSchema),
  diagnostics: SearchDiagnosticsSchema,
});
export type MemorySearchResult = z.infer<typeof MemorySearchResultSchema>;

export const MemoryListInputSchema = z
  .object({
    category: FactCategorySchema.optional(),
    entityId: IdSchema.optional(),
    /** current: believed now; history: ended or retired; pending: awaiting confirmation. */
    status: z.enum(['current', 'history', 'pending', 'all']).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();
export const MemoryListResultSchema = z.object({
  facts: z.array(MemoryFactSchema),
  total: z.number().int().nonnegative(),
  entities: z.array(MemoryEntitySchema),
});

export const MemoryEditInputSchema = z
  .object({
    id: IdSchema,
    predicate: z.string().trim().min(1, 'must not be empty').max(64, 'is too long (max 64 characters)').optional(),
    object: z.string().trim().min(1, 'must not be empty').max(500, 'is too long (max 500 characters)').optional(),
    category: FactCategorySchema.optional(),
    validFrom: ValidityDateSchema.nullable().optional(),
    validTo: ValidityDateSchema.nullable().optional(),
  })
  .strict();
export type MemoryEditInput = z.infer<typeof MemoryEditInputSchema>;

/** Longest fact the Memory screen's "Add a fact" box takes: one statement, like an edited value. */
export const MAX_HAND_FACT_CHARS = 500;
/** A fact typed by hand on the Memory screen: read like "Remember that …" in the chat and kept as the user's own statement. */
export const MemoryAddInputSchema = z
  .object({
    statement: z
      .string()
      .trim()
      .min(1, 'is empty — write the fact, for example “Sarah Lee is our CFO”')
      .max(MAX_HAND_FACT_CHARS, `is too long (max ${MAX_HAND_FACT_CHARS} characters) — write one fact at a time`),
  })
  .strict();
export const MemoryAddResultSchema = z.object({
  /** One sentence for the screen: what was kept, or the question it raised. */
  reply: z.string(),
  stored: z.array(MemoryFactSchema),
  /** A fact that contradicts one already kept waits here for the user's choice instead of replacing it. */
  questions: z.array(MemoryQuestionSchema),
});

export const MemoryDeleteInputSchema = z.object({ ids: z.array(IdSchema).min(1, 'must name at least one fact').max(1000) }).strict();
export const MemoryDeleteResultSchema = z.object({ deleted: z.number().int().nonnegative(), missing: z.array(IdSchema) });

export const MemoryHistoryInputSchema = z.object({ factId: IdSchema }).strict();
export const FactChangeSchema = z.object({
  factId: IdSchema,
  at: IsoDateSchema,
  change: z.enum(['created', 'confirmed', 'edited', 'superseded', 'retired', 'conflict', 'resolved', 'imported']),
  detail: z.string(),
});
export const MemoryHistoryResultSchema = z.object({
  /** Every fact with the same subject and predicate (the timeline), oldest first. */
  timeline: z.array(MemoryFactSchema),
  changes: z.array(FactChangeSchema),
});

export const MemoryExportInputSchema = z.object({ format: z.enum(['json', 'markdown']) }).strict();
export const MemoryExportResultSchema = z.object({ format: z.enum(['json', 'markdown']), fileName: z.string(), content: z.string() });

export const MAX_MEMORY_IMPORT_CHARS = 50_000_000;
export const MemoryImportInputSchema = z
  .object({ content: z.string().min(1, 'is empty — choose an exported memory file').max(MAX_MEMORY_IMPORT_CHARS, 'is too large (max 50 MB)') })
  .strict();
const ImportCountsSchema = z.object({
  entities: z.number().int().nonnegative(),
  facts: z.number().int().nonnegative(),
  episodes: z.number().int().nonnegative(),
  workflows: z.number().int().nonnegative(),
});
export const MemoryImportResultSchema = z.object({ imported: ImportCountsSchema, skippedDuplicates: ImportCountsSchema });

export const MemoryClearInputSchema = z
  .object({ confirm: z.literal(true, { error: 'must be true — clearing deletes every fact, entity and episode for good' }) })
  .strict();
export const MemoryClearResultSchema = z.object({ deletedFacts: z.number().int().nonnegative(), deletedEntities: z.number().int().nonnegative(), deletedEpisodes: z.number().int().nonnegative() });

export const MemoryAnalyticsSchema = z.object({
  totals: z.object({
    facts: z.number().int().nonnegative(),
    currentFacts: z.number().int().nonnegative(),
    entities: z.number().int().nonnegative(),
    episodes: z.number().int().nonnegative(),
    workflows: z.number().int().nonnegative(),
  }),
  byCategory: z.record(FactCategorySchema, z.number().int().nonnegative()),
  lastUpdatedAt: IsoDateSchema.nullable(),
  mostUsed: z.array(MemoryFactSchema),
  awaitingConfirmation: z.array(MemoryQuestionSchema),
  vectors: z.object({
    embedded: z.number().int().nonnegative(),
    pending: z.number().int().nonnegative(),
    available: z.boolean(),
    /** One line for the Memory screen: "Semantic search on" or why not ("Keyword search only — install an embedding model …"). */
    status: z.string().default(''),
  }),
});
export type MemoryAnalytics = z.infer<typeof MemoryAnalyticsSchema>;

export const MemoryQuestionsListInputSchema = z.object({ includeAnswered: z.boolean().optional() }).strict();

export const MemoryAnswerSchema = z.discriminatedUnion('kind', [
  /** existing: the earlier fact stands; new: the new statement replaces it (the old one is closed, not deleted). */
  z.object({ kind: z.literal('conflict'), keep: z.enum(['existing', 'new']) }).strict(),
  z.object({ kind: z.literal('expiry'), approve: z.boolean() }).strict(),
  /** accept: the suggested fact becomes part of memory; otherwise it is retired (kept in history). */
  z.object({ kind: z.literal('confirm'), accept: z.boolean() }).strict(),
  z.object({ kind: z.literal('workflow'), accept: z.boolean(), name: z.string().trim().min(1).max(120).optional() }).strict(),
]);
export type MemoryAnswer = z.infer<typeof MemoryAnswerSchema>;
export const MemoryAnswerInputSchema = z.object({ id: IdSchema, answer: MemoryAnswerSchema }).strict();
export const MemoryAnswerResultSchema = z.object({
  question: MemoryQuestionSchema,
  /** What the answer did, in a sentence for the chat. */
  outcome: z.string(),
  workflow: MemoryWorkflowSchema.nullable(),
});

export const MemorySettingsPatchSchema = z.record(z.string(), z.unknown());

export const MEMORY_METHODS = {
  'memory.search': spec(MemorySearchInputSchema, MemorySearchResultSchema),
  'memory.list': spec(MemoryListInputSchema, MemoryListResultSchema),
  'memory.edit': spec(MemoryEditInputSchema, MemoryFactSchema, true),
  'memory.add': spec(MemoryAddInputSchema, MemoryAddResultSchema, true),
  'memory.delete': spec(MemoryDeleteInputSchema, MemoryDeleteResultSchema, true),
  'memory.history': spec(MemoryHistoryInputSchema, MemoryHistoryResultSchema),
  'memory.export': spec(MemoryExportInputSchema, MemoryExportResultSchema),
  'memory.import': spec(MemoryImportInputSchema, MemoryImportResultSchema, true),
  'memory.clear': spec(MemoryClearInputSchema, MemoryClearResultSchema, true),
  'memory.analytics': spec(Empty, MemoryAnalyticsSchema),
  'memory.settings.get': spec(Empty, MemorySettingsSchema),
  'memory.settings.update': spec(z.object({ patch: MemorySettingsPatchSchema }).strict(), MemorySettingsSchema, true),
  'memory.questions.list': spec(MemoryQuestionsListInputSchema, z.array(MemoryQuestionSchema)),
  'memory.questions.answer': spec(MemoryAnswerInputSchema, MemoryAnswerResultSchema, true),
  'memory.workflows.list': spec(Empty, z.array(MemoryWorkflowSchema)),
};
export type MemoryMethodName = keyof typeof MEMORY_METHODS;

// ---------------------------------------------------------------------------------------------
// Events (the lead adds these to StewardEventSchema).

export const MemoryQuestionEventSchema = z.object({ type: z.literal('memory.question'), question: MemoryQuestionSchema });
export const MemoryChangedEventSchema = z.object({
  type: z.literal('memory.changed'),
  change: z.enum(['learned', 'remembered', 'forgotten', 'edited', 'imported', 'cleared', 'answered', 'expired']),
  factIds: z.array(IdSchema),
});
