import { z } from 'zod';
import { spec } from './method-spec.js';
import { IdSchema } from './entities.js';
import { AbsolutePathSchema } from './files.js';

/**
 * Knowledge folders (issue 17): folders Steward indexes so the agent can answer from their
 * documents with citations that open the passage. Paths are absolute paths on this computer.
 */

export const KNOWLEDGE_FILE_STATES = ['pending', 'indexed', 'failed', 'skipped'] as const;
export const KnowledgeFileStateSchema = z.enum(KNOWLEDGE_FILE_STATES);
export type KnowledgeFileState = z.infer<typeof KnowledgeFileStateSchema>;

/** Limits, with the reason shown on every file they leave out. */
export const MAX_KNOWLEDGE_FILE_BYTES = 20 * 1000 * 1000;
export const MAX_KNOWLEDGE_FILES_PER_FOLDER = 5000;
export const MAX_KNOWLEDGE_FOLDERS = 20;

export const KnowledgeFolderSchema = z.object({
  id: IdSchema,
  path: z.string(),
  paused: z.boolean(),
  /** True while a scan of it runs or is about to. */
  syncing: z.boolean(),
  addedAt: z.string(),
  /** When it was last compared with the disk; null before the first scan. */
  lastSyncAt: z.string().nullable(),
  /** Why the last scan or the watcher failed (the folder is gone, unreadable …); null when fine. */
  error: z.string().nullable(),
  counts: z.object({ indexed: z.number().int(), pending: z.number().int(), failed: z.number().int(), skipped: z.number().int(), passages: z.number().int() }),
});
export type KnowledgeFolder = z.infer<typeof KnowledgeFolderSchema>;

export const KnowledgeStatusSchema = z.object({
  folders: z.array(KnowledgeFolderSchema),
  /** How passages are found: by meaning and keywords when an embedding model works, else keywords only (with the reason). */
  search: z.object({
    mode: z.enum(['vectors', 'keywords']),
    reason: z.string().nullable(),
    /** While vectors are used: how many passages have theirs so far (the rest are found by keywords until then); null in keyword mode. */
    embedded: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
  }),
});
export type KnowledgeStatus = z.infer<typeof KnowledgeStatusSchema>;

export const KnowledgeFileSchema = z.object({
  id: IdSchema,
  folderId: IdSchema,
  path: z.string(),
  /** The path inside its knowledge folder. */
  relativePath: z.string(),
  bytes: z.number().int(),
  state: KnowledgeFileStateSchema,
  /** Why it failed or was skipped; null otherwise. */
  reason: z.string().nullable(),
  passages: z.number().int(),
  indexedAt: z.string().nullable(),
});
export type KnowledgeFile = z.infer<typeof KnowledgeFileSchema>;

/** Where a passage sits in its file: what a citation names and opens. */
export const PassageLocationSchema = z.object({
  page: z.number().int().nullable(),
  heading: z.string(),
  lineStart: z.number().int().nullable(),
  lineEnd: z.number().int().nullable(),
});
export type PassageLocation = z.infer<typeof PassageLocationSchema>;

export const KnowledgePassageSchema = z.object({
  id: z.number().int(),
  fileId: IdSchema,
  path: z.string(),
  location: PassageLocationSchema,
  text: z.string(),
});
export type KnowledgePassage = z.infer<typeof KnowledgePassageSchema>;

/** A cited passage in its file: the lines around it (a PDF: its page), with the passage's lines marked. */
export const KnowledgePassageViewSchema = z.object({
  passage: KnowledgePassageSchema,
  fileName: z.string(),
  folder: z.string(),
  lines: z.array(z.object({ number: z.number().int(), text: z.string() })),
  /** Set when the file changed or went away after it was indexed: what is shown may differ from what was cited. */
  notice: z.string().nullable(),
});
export type KnowledgePassageView = z.infer<typeof KnowledgePassageViewSchema>;

/** A passage a reply or a task's result cited as [n], with where it sits ("leave.md › Parental leave, lines 5–8"). */
export const KnowledgeSourceSchema = z.object({ n: z.number().int().positive(), passageId: z.number().int().positive(), label: z.string() });
export type KnowledgeSource = z.infer<typeof KnowledgeSourceSchema>;

/** "Open file": the desktop app opened the cited file with the system's app; elsewhere where it is (opened: false). */
export const KnowledgeOpenFileOutputSchema = z.object({ opened: z.boolean(), path: z.string(), folder: z.string() });
export type KnowledgeOpenFileOutput = z.infer<typeof KnowledgeOpenFileOutputSchema>;

const FolderIdInput = z.object({ id: IdSchema }).strict();
const PassageIdInput = z.object({ id: z.number().int().positive() }).strict();

export const KNOWLEDGE_METHODS = {
  /** The knowledge folders with their counts, sync state and errors, and how passages are searched. */
  'knowledge.status': spec(z.object({}).strict(), KnowledgeStatusSchema),
  /** Adds a folder and starts indexing it in the background. */
  'knowledge.folders.add': spec(z.object({ path: AbsolutePathSchema }).strict(), KnowledgeFolderSchema, true),
  /** Removes a folder and every passage read from it (the files themselves are not touched). */
  'knowledge.folders.remove': spec(FolderIdInput, z.object({ removed: z.boolean() }), true),
  /** Paused: no watching and no scans; passages already indexed are still used. Resuming rescans. */
  'knowledge.folders.setPaused': spec(z.object({ id: IdSchema, paused: z.boolean() }).strict(), KnowledgeFolderSchema, true),
  /** Compares the folder with the disk now: new and changed files are read, deleted ones removed. */
  'knowledge.folders.rescan': spec(FolderIdInput, KnowledgeFolderSchema, true),
  'knowledge.files.list': spec(z.object({ folderId: IdSchema, state: KnowledgeFileStateSchema.optional() }).strict(), z.array(KnowledgeFileSchema)),
  'knowledge.search': spec(
    z.object({ query: z.string().trim().min(1, 'is empty — type what to look for').max(500, 'is too long (max 500 characters)'), limit: z.number().int().min(1).max(20).optional() }).strict(),
    z.array(KnowledgePassageSchema),
  ),
  /** A cited passage in its file, for the preview a citation opens. */
  'knowledge.passage': spec(PassageIdInput, KnowledgePassageViewSchema),
  /** Opens a cited passage's file with the system's app (the desktop app); elsewhere answers where the file is. Only indexed files open. */
  'knowledge.openFile': spec(PassageIdInput, KnowledgeOpenFileOutputSchema),
  /** The knowledge passages a finished task's result cites (its Sources); empty when its work used none. */
  'tasks.sources': spec(z.object({ id: IdSchema }).strict(), z.array(KnowledgeSourceSchema)),
};
