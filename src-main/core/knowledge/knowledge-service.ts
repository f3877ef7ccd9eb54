/**
 * Knowledge folders: the folders the user points Steward at, kept indexed and in sync. Adding a
 * folder checks it (exists, readable, not already covered), then indexes it in the background;
 * each folder is watched, and a change (or Rescan, or the start of the app) syncs it — one sync
 * per folder at a time, another one queued if changes arrive meanwhile. Paused folders are not
 * watched or synced; their passages still answer.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_KNOWLEDGE_FOLDERS, type KnowledgeFolder, type KnowledgePassage, type KnowledgeStatus } from '../../../src-preload/schemas/knowledge.js';
import type { Logger } from '../logging/logger.js';
import type { Embedder } from '../memory/embedder.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { FolderWatchers } from './folder-watchers.js';
import { syncFolder } from './folder-sync.js';
import { KnowledgeFolderNotFoundError, KnowledgeFolderRefusedError } from './knowledge-errors.js';
import { KnowledgeRepo, type FolderRecord } from './knowledge-repo.js';
import { PassageEmbeddings, type VectorVerdict } from './passage-embeddings.js';
import { searchPassages, type RankedPassage } from './passage-search.js';

export interface KnowledgeOptions {
  db: SqliteDatabase;
  now: () => Date;
  log: Pick<Logger, 'warn' | 'info'>;
  embedder: Embedder | null;
  /** Whether vectors may vote: memory's verdict on the embedding model (installed, and passed its quality check). */
  vectorsUsable: () => VectorVerdict;
}

export class KnowledgeService {
  readonly repo: KnowledgeRepo;
  private readonly watchers: FolderWatchers;
  private readonly running = new Map<string, Promise<void>>();
  private readonly queued = new Set<string>();
  private readonly embeddings: PassageEmbeddings;
  private closed = false;

  constructor(private readonly options: KnowledgeOptions) {
    this.repo = new KnowledgeRepo(options.db, options.now);
    this.embeddings = new PassageEmbeddings(this.repo, options.embedder, options.vectorsUsable, options.log);
    this.watchers = new FolderWatchers(
      (id) => this.requestSync(id),
      (id, message) => this.repo.setFolderError(id, message),
    );
  }

  /** Watches every folder that is not paused and syncs it (unchanged files are not read again). */
  start(): void {
    for (const folder of this.repo.folders()) {
      if (folder.paused) continue;
      this.watchers.watch(folder.id, folder.path);
      this.requestSync(folder.id);
    }
  }

  status(): KnowledgeStatus {
    const vectors = this.embeddings.verdict();
    // Memory's verdict may have turned usable since the last sync (its check runs at start-up too): catch up.
    this.embeddings.schedule();
    return {
      folders: this.repo.folders().map((f) => this.withSyncing(f)),
      search: vectors.usable ? { mode: 'vectors', reason: null, embedded: this.embeddedProgress() } : { mode: 'keywords', reason: vectors.reason, embedded: null },
    };
  }

  async addFolder(given: string): Promise<KnowledgeFolder> {
    const folderPath = path.resolve(given);
    await checkReadableFolder(folderPath);
    const folders = this.repo.folders();
    for (const other of folders) {
      if (other.path === folderPath) throw new KnowledgeFolderRefusedError('conflict', `${folderPath} is already a knowledge folder.`);
      if (isInside(folderPath, other.path)) throw new KnowledgeFolderRefusedError('conflict', `${folderPath} is inside the knowledge folder ${other.path}, which already includes it.`);
      if (isInside(other.path, folderPath)) throw new KnowledgeFolderRefusedError('conflict', `${folderPath} contains the knowledge folder ${other.path}. Remove ${other.path} first, then add ${folderPath}.`);
    }
    if (folders.length >= MAX_KNOWLEDGE_FOLDERS) throw new KnowledgeFolderRefusedError('invalid_input', `Steward keeps at most ${MAX_KNOWLEDGE_FOLDERS} knowledge folders. Remove one first, or add a folder that holds several.`);
    const id = this.repo.addFolder(folderPath);
    this.watchers.watch(id, folderPath);
    this.requestSync(id);
    return this.folder(id);
  }

  removeFolder(id: string): boolean {
    this.watchers.unwatch(id);
    this.queued.delete(id);
    return this.repo.removeFolder(id);
  }

  setPaused(id: string, paused: boolean): KnowledgeFolder {
    const folder = this.folder(id);
    this.repo.setPaused(id, paused);
    if (paused) {
      this.watchers.unwatch(id);
      this.queued.delete(id);
    } else {
      this.watchers.watch(id, folder.path);
      this.requestSync(id);
    }
    return this.folder(id);
  }

  rescan(id: string): KnowledgeFolder {
    const folder = this.folder(id);
    if (folder.paused) throw new KnowledgeFolderRefusedError('conflict', `${folder.path} is paused. Resume it to sync it with the disk.`);
    this.requestSync(id);
    return this.folder(id);
  }

  folder(id: string): KnowledgeFolder {
    const folder = this.repo.folder(id);
    if (!folder) throw new KnowledgeFolderNotFoundError(id);
    return this.withSyncing(folder);
  }

  async search(query: string, limit = 5): Promise<KnowledgePassage[]> {
    return (await this.rankedSearch(query, limit)).map((r) => r.passage);
  }

  /** The search with how each passage was found (keyword place, vector place and distance, fused score). */
  async rankedSearch(query: string, limit = 5): Promise<RankedPassage[]> {
    const queryVector = await this.embeddings.queryVector(query);
    this.embeddings.schedule();
    return searchPassages(this.repo, query, limit, queryVector);
  }

  /** The embedding model may have been installed, changed or removed (a settings change): look again, re-embed for a new one. */
  embeddingModelChanged(): Promise<void> {
    return this.embeddings.recheck();
  }

  private embeddedProgress(): { done: number; total: number } {
    const { embedded, pending } = this.embeddings.counts();
    return { done: embedded, total: embedded + pending };
  }

  /** Passages with a vector from the current embedding model, and those waiting for one. */
  vectorCounts(): { embedded: number; pending: number } {
    return this.embeddings.counts();
  }

  /** Resolves when no sync or embedding is running or queued (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
    await this.embeddings.idle();
    if (this.running.size > 0) await this.idle();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.embeddings.close();
    this.watchers.closeAll();
    this.queued.clear();
    await this.idle();
  }

  private withSyncing(folder: FolderRecord): KnowledgeFolder {
    return { ...folder, syncing: this.running.has(folder.id) || this.queued.has(folder.id) || folder.counts.pending > 0 };
  }

  /** One sync per folder at a time; a request during a sync runs once more after it. */
  private requestSync(id: string): void {
    if (this.closed) return;
    if (this.running.has(id)) {
      this.queued.add(id);
      return;
    }
    const run = this.syncNow(id).finally(() => {
      this.running.delete(id);
      if (this.queued.delete(id)) this.requestSync(id);
      else this.embeddings.schedule();
    });
    this.running.set(id, run);
  }

  private async syncNow(id: string): Promise<void> {
    const folder = this.repo.folder(id);
    if (!folder || folder.paused) return;
    try {
      const report = await syncFolder(this.repo, id, folder.path, () => this.closed || this.repo.folder(id)?.paused !== false);
      if (report.read > 0 || report.removed > 0) this.options.log.info(`knowledge: ${folder.path}: ${report.read} file(s) read, ${report.removed} removed`);
    } catch (err) {
      this.options.log.warn(`knowledge: syncing ${folder.path} failed`, err);
      this.repo.scanFinished(id, `Syncing stopped with an unexpected error (${(err as Error).message}). Rescan to try again.`);
    }
  }
}

const isInside = (child: string, parent: string): boolean => {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

async function checkReadableFolder(folderPath: string): Promise<void> {
  const info = await stat(folderPath).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new KnowledgeFolderRefusedError('not_found', `The folder ${folderPath} does not exist. Choose an existing folder.`);
    throw new KnowledgeFolderRefusedError('invalid_input', `Steward cannot open ${folderPath} (${err.code === 'EACCES' ? 'permission denied' : err.message}).`);
  });
  if (!info.isDirectory()) throw new KnowledgeFolderRefusedError('invalid_input', `${folderPath} is a file, not a folder. Choose the folder it is in: ${path.dirname(folderPath)}.`);
  await readdir(folderPath).catch((err: NodeJS.ErrnoException) => {
    throw new KnowledgeFolderRefusedError('invalid_input', `Steward cannot read the folder ${folderPath} (${err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.message}). Check its permissions.`);
  });
}
