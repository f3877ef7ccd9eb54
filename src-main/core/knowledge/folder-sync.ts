/**
 * One comparison of a knowledge folder with the disk. New and changed files (by size and change
 * time) are marked pending, then read one by one: a file whose bytes hash the same as when it was
 * indexed keeps its passages (a restart or a touch re-reads nothing), others are extracted and cut
 * into passages, or marked failed or skipped with the reason. Files gone from disk are removed
 * with their passages.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { MAX_KNOWLEDGE_FILE_BYTES, MAX_KNOWLEDGE_FILES_PER_FOLDER } from '../../../src-preload/schemas/knowledge.js';
import { chunkSections } from './chunker.js';
import { documentSections, DocumentUnreadableError } from './document-text.js';
import { walkKnowledgeFolder, type FoundFile } from './folder-walk.js';
import type { FileRow, KnowledgeRepo } from './knowledge-repo.js';

export interface SyncReport {
  /** Files read and cut into passages (or failed) in this sync. */
  read: number;
  removed: number;
  /** Why the folder could not be read; null when it could. */
  error: string | null;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

export async function syncFolder(repo: KnowledgeRepo, folderId: string, folderPath: string, shouldStop: () => boolean): Promise<SyncReport> {
  let found: FoundFile[];
  let problems: string[];
  try {
    ({ files: found, problems } = await walkKnowledgeFolder(folderPath));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const error =
      code === 'ENOENT'
        ? `The folder ${folderPath} is gone (moved, renamed or on a disk that is not connected). Its passages are kept until you remove it here.`
        : `Steward cannot read the folder ${folderPath} (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message}). Check its permissions, then Rescan.`;
    repo.scanFinished(folderId, error);
    return { read: 0, removed: 0, error };
  }
  const existing = new Map(repo.fileRows(folderId).map((row) => [row.path, row]));
  const seen = new Set(found.map((f) => f.path));
  const gone = [...existing.values()].filter((row) => !seen.has(row.path)).map((row) => row.id);
  repo.removeFiles(gone);

  // First mark everything new or changed as pending (the screen shows what is coming), then read.
  const work: { id: string; file: FoundFile; previous: FileRow | undefined; limit: string | null }[] = [];
  found.forEach((file, index) => {
    const previous = existing.get(file.path);
    const limit =
      index >= MAX_KNOWLEDGE_FILES_PER_FOLDER
        ? `left out: the folder has more than ${MAX_KNOWLEDGE_FILES_PER_FOLDER.toLocaleString('en-US')} documents, the most Steward indexes in one folder — add its sub-folders separately`
        : file.bytes > MAX_KNOWLEDGE_FILE_BYTES
          ? `left out: it is ${megabytes(file.bytes)}, and files up to ${megabytes(MAX_KNOWLEDGE_FILE_BYTES)} are indexed — split it into smaller files`
          : null;
    const unchanged = previous && previous.bytes === file.bytes && previous.mtime_ms === file.mtimeMs && previous.state !== 'pending';
    if (unchanged && (previous.state !== 'skipped' || previous.reason === limit)) return;
    work.push({ id: repo.markPending(folderId, file, previous), file, previous, limit });
  });

  let read = 0;
  for (const item of work) {
    if (shouldStop()) break;
    if (item.limit) repo.markUnindexed(item.id, 'skipped', item.limit);
    else await indexFile(repo, item.id, item.file, item.previous);
    read += 1;
  }
  repo.scanFinished(folderId, problems.length > 0 ? `Some sub-folders could not be read: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` and ${problems.length - 3} more` : ''}.` : null);
  return { read, removed: gone.length, error: null };
}

async function indexFile(repo: KnowledgeRepo, fileId: string, file: FoundFile, previous: FileRow | undefined): Promise<void> {
  let data: Buffer;
  try {
    data = await readFile(file.path);
  } catch (err) {
    // Gone between the listing and now: the next sync removes it.
    repo.markUnindexed(fileId, 'failed', `it could not be read (${(err as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (err as Error).message})`);
    return;
  }
  const hash = createHash('sha256').update(data).digest('hex');
  if (previous?.content_hash === hash && (previous.state === 'indexed' || previous.state === 'failed')) {
    // The same bytes: its passages (or its failure) still hold.
    repo.touch(fileId, data.length, file.mtimeMs, previous.state, previous.reason);
    return;
  }
  try {
    const passages = chunkSections(await documentSections(file.path, data));
    if (passages.length === 0) repo.markUnindexed(fileId, 'failed', 'it has no text in it', hash);
    else repo.saveIndexed(fileId, hash, passages);
  } catch (err) {
    const reason = err instanceof DocumentUnreadableError ? err.reason : `it could not be read (${(err as Error).message.split('\n')[0]})`;
    repo.markUnindexed(fileId, 'failed', reason, hash);
  }
}
