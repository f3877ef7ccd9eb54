/** The knowledge tables (migration 14): folders, files with their index state, and passages. */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { KnowledgeFile, KnowledgeFileState, KnowledgeFolder, KnowledgePassage } from '../../../src-preload/schemas/knowledge.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { Passage } from './chunker.js';

interface FolderRow {
  id: string;
  path: string;
  paused: number;
  added_at: string;
  last_scan_at: string | null;
  last_error: string | null;
}

export interface FileRow {
  id: string;
  folder_id: string;
  path: string;
  bytes: number;
  mtime_ms: number;
  content_hash: string | null;
  state: KnowledgeFileState;
  reason: string | null;
  chunks: number;
  indexed_at: string | null;
}

interface ChunkRow {
  id: number;
  file_id: string;
  path: string;
  page: number | null;
  heading: string;
  line_start: number | null;
  line_end: number | null;
  text: string;
}

export type FolderRecord = Omit<KnowledgeFolder, 'syncing'>;

export class KnowledgeRepo {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
  ) {}

  folders(): FolderRecord[] {
    const rows = this.db.prepare('SELECT * FROM knowledge_folders ORDER BY added_at, path').all() as FolderRow[];
    const counts = this.db
      .prepare('SELECT folder_id, state, COUNT(*) AS n, SUM(chunks) AS passages FROM knowledge_files GROUP BY folder_id, state')
      .all() as { folder_id: string; state: KnowledgeFileState; n: number; passages: number }[];
    return rows.map((row) => {
      const mine = counts.filter((c) => c.folder_id === row.id);
      const count = (state: KnowledgeFileState) => mine.find((c) => c.state === state)?.n ?? 0;
      return {
        id: row.id,
        path: row.path,
        paused: row.paused === 1,
        addedAt: row.added_at,
        lastSyncAt: row.last_scan_at,
        error: row.last_error,
        counts: { indexed: count('indexed'), pending: count('pending'), failed: count('failed'), skipped: count('skipped'), passages: mine.reduce((n, c) => n + (c.passages ?? 0), 0) },
      };
    });
  }

  folder(id: string): FolderRecord | null {
    return this.folders().find((f) => f.id === id) ?? null;
  }

  addFolder(folderPath: string): string {
    const id = randomUUID();
    this.db.prepare('INSERT INTO knowledge_folders (id, path, added_at) VALUES (?, ?, ?)').run(id, folderPath, this.now().toISOString());
    return id;
  }

  removeFolder(id: string): boolean {
    return this.db.prepare('DELETE FROM knowledge_folders WHERE id = ?').run(id).changes > 0;
  }

  setPaused(id: string, paused: boolean): void {
    this.db.prepare('UPDATE knowledge_folders SET paused = ? WHERE id = ?').run(paused ? 1 : 0, id);
  }

  scanFinished(id: string, error: string | null): void {
    this.db.prepare('UPDATE knowledge_folders SET last_scan_at = ?, last_error = ? WHERE id = ?').run(this.now().toISOString(), error, id);
  }

  setFolderError(id: string, error: string | null): void {
    this.db.prepare('UPDATE knowledge_folders SET last_error = ? WHERE id = ?').run(error, id);
  }

  fileRows(folderId: string): FileRow[] {
    return this.db.prepare('SELECT * FROM knowledge_files WHERE folder_id = ?').all(folderId) as FileRow[];
  }

  files(folderId: string, state?: KnowledgeFileState): KnowledgeFile[] {
    const folder = this.db.prepare('SELECT path FROM knowledge_folders WHERE id = ?').get(folderId) as { path: string } | undefined;
    if (!folder) return [];
    const rows = (state
      ? this.db.prepare('SELECT * FROM knowledge_files WHERE folder_id = ? AND state = ? ORDER BY path').all(folderId, state)
      : this.db.prepare('SELECT * FROM knowledge_files WHERE folder_id = ? ORDER BY path').all(folderId)) as FileRow[];
    return rows.map((r) => ({
      id: r.id,
      folderId: r.folder_id,
      path: r.path,
      relativePath: path.relative(folder.path, r.path),
      bytes: r.bytes,
      state: r.state,
      reason: r.reason,
      passages: r.chunks,
      indexedAt: r.indexed_at,
    }));
  }

  /** A file seen on disk that is new or changed: pending until it is read. */
  markPending(folderId: string, file: { path: string; bytes: number; mtimeMs: number }, existing: FileRow | undefined): string {
    if (existing) {
      this.db.prepare("UPDATE knowledge_files SET bytes = ?, mtime_ms = ?, state = 'pending', reason = NULL WHERE id = ?").run(file.bytes, file.mtimeMs, existing.id);
      return existing.id;
    }
    const id = randomUUID();
    this.db.prepare("INSERT INTO knowledge_files (id, folder_id, path, bytes, mtime_ms, state) VALUES (?, ?, ?, ?, ?, 'pending')").run(id, folderId, file.path, file.bytes, file.mtimeMs);
    return id;
  }

  /** Left out by a limit, or unreadable: no passages, and the reason shown. */
  markUnindexed(fileId: string, state: 'failed' | 'skipped', reason: string, hash: string | null = null): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM knowledge_chunks WHERE file_id = ?').run(fileId);
      this.db.prepare('UPDATE knowledge_files SET state = ?, reason = ?, chunks = 0, content_hash = ?, indexed_at = ? WHERE id = ?').run(state, reason, hash, this.now().toISOString(), fileId);
    })();
  }

  /** The file's passages replace its old ones in one transaction. */
  saveIndexed(fileId: string, hash: string, passages: readonly Passage[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM knowledge_chunks WHERE file_id = ?').run(fileId);
      const insert = this.db.prepare('INSERT INTO knowledge_chunks (file_id, ordinal, page, heading, line_start, line_end, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
      passages.forEach((p, i) => insert.run(fileId, i, p.page, p.heading, p.lineStart, p.lineEnd, p.text));
      this.db.prepare("UPDATE knowledge_files SET state = 'indexed', reason = NULL, chunks = ?, content_hash = ?, indexed_at = ? WHERE id = ?").run(passages.length, hash, this.now().toISOString(), fileId);
    })();
  }

  /** Same bytes as when indexed (only the time changed): keep the passages, remember the new time. */
  touch(fileId: string, bytes: number, mtimeMs: number, state: KnowledgeFileState, reason: string | null): void {
    this.db.prepare('UPDATE knowledge_files SET bytes = ?, mtime_ms = ?, state = ?, reason = ? WHERE id = ?').run(bytes, mtimeMs, state, reason, fileId);
  }

  removeFiles(ids: readonly string[]): void {
    const del = this.db.prepare('DELETE FROM knowledge_files WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => del.run(id)))();
  }

  passage(id: number): KnowledgePassage | null {
    const row = this.db
      .prepare('SELECT c.id, c.file_id, f.path, c.page, c.heading, c.line_start, c.line_end, c.text FROM knowledge_chunks c JOIN knowledge_files f ON f.id = c.file_id WHERE c.id = ?')
      .get(id) as ChunkRow | undefined;
    return row ? toPassage(row) : null;
  }

  contentHash(fileId: string): string | null {
    return (this.db.prepare('SELECT content_hash FROM knowledge_files WHERE id = ?').get(fileId) as { content_hash: string | null } | undefined)?.content_hash ?? null;
  }

  /** Keyword matches (FTS5 bm25, best first). */
  keywordSearch(match: string, limit: number): KnowledgePassage[] {
    const rows = this.db
      .prepare(
        `SELECT c.id, c.file_id, f.path, c.page, c.heading, c.line_start, c.line_end, c.text
         FROM knowledge_chunks_fts JOIN knowledge_chunks c ON c.id = knowledge_chunks_fts.rowid JOIN knowledge_files f ON f.id = c.file_id
         WHERE knowledge_chunks_fts MATCH ? ORDER BY bm25(knowledge_chunks_fts, 1.0, 2.0) LIMIT ?`,
      )
      .all(match, limit) as ChunkRow[];
    return rows.map(toPassage);
  }

  /** Passages whose vector is missing or was made by another embedding model, oldest first. */
  unembedded(embedderId: string, limit: number): { id: number; text: string; heading: string }[] {
    return this.db.prepare('SELECT id, text, heading FROM knowledge_chunks WHERE embedder IS NOT ? ORDER BY id LIMIT ?').all(embedderId, limit) as { id: number; text: string; heading: string }[];
  }

  /**
   * Stores each passage's vector in sqlite-vec (replacing an older one) and which model made it.
   * A passage re-indexed or removed while the model was busy is skipped: its text is not the one
   * embedded. A null vector (nothing to embed) marks the passage done without one.
   */
  saveEmbeddings(embedderId: string, vectors: readonly { id: number; text: string; vector: Float32Array | null }[]): void {
    const current = this.db.prepare('SELECT text FROM knowledge_chunks WHERE id = ?');
    const remove = this.db.prepare('DELETE FROM knowledge_chunk_vectors WHERE chunk_id = ?');
    const insert = this.db.prepare('INSERT INTO knowledge_chunk_vectors (chunk_id, embedding) VALUES (?, ?)');
    const mark = this.db.prepare('UPDATE knowledge_chunks SET embedder = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const v of vectors) {
        if ((current.get(v.id) as { text: string } | undefined)?.text !== v.text) continue;
        remove.run(BigInt(v.id));
        if (v.vector) insert.run(BigInt(v.id), v.vector);
        mark.run(embedderId, v.id);
      }
    })();
  }

  /** The passages nearest to a query vector (sqlite-vec KNN, cosine), among those this embedding model embedded; nearest first. */
  nearest(vector: Float32Array, embedderId: string, k: number): { id: number; distance: number }[] {
    return this.db
      .prepare(
        `SELECT v.chunk_id AS id, v.distance FROM (SELECT chunk_id, distance FROM knowledge_chunk_vectors WHERE embedding MATCH ? AND k = ?) v
         JOIN knowledge_chunks c ON c.id = v.chunk_id WHERE c.embedder = ? ORDER BY v.distance`,
      )
      .all(vector, k, embedderId) as { id: number; distance: number }[];
  }

  /** How many passages have a vector from this embedding model, and how many wait for one. */
  vectorCounts(embedderId: string): { embedded: number; pending: number } {
    return this.db
      .prepare('SELECT (SELECT count(*) FROM knowledge_chunk_vectors v JOIN knowledge_chunks c ON c.id = v.chunk_id WHERE c.embedder = ?) AS embedded, (SELECT count(*) FROM knowledge_chunks WHERE embedder IS NOT ?) AS pending')
      .get(embedderId, embedderId) as { embedded: number; pending: number };
  }
}

function toPassage(row: ChunkRow): KnowledgePassage {
  return { id: row.id, fileId: row.file_id, path: row.path, location: { page: row.page, heading: row.heading, lineStart: row.line_start, lineEnd: row.line_end }, text: row.text };
}
