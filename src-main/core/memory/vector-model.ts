/**
 * Which embedding model memory's stored vectors came from (migration 17). Vectors of two models
 * are not comparable, even at the same size: a question embedded by a new model would be matched
 * against the old model's vectors and find noise. So when a different model passes memory's check,
 * every stored vector is dropped and every fact and past turn is embedded again in the background
 * (keyword search answers meanwhile, as it does for anything not embedded yet).
 */
import type { SqliteDatabase } from '../store/sqlite.js';

export interface VectorModelChange {
  /** The model the stored vectors came from before; null when none was recorded. */
  previous: string | null;
  /** True when the vectors were dropped to be made again by the new model. */
  reembed: boolean;
}

export function adoptVectorModel(db: SqliteDatabase, embedderId: string, now: () => string = () => new Date().toISOString()): VectorModelChange {
  return db.transaction((): VectorModelChange => {
    const row = db.prepare('SELECT embedder FROM memory_vector_model WHERE id = 1').get() as { embedder: string } | undefined;
    if (row?.embedder === embedderId) return { previous: embedderId, reembed: false };
    db.prepare('INSERT INTO memory_vector_model (id, embedder, adopted_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET embedder = excluded.embedder, adopted_at = excluded.adopted_at').run(embedderId, now());
    // None recorded: the vectors stored so far were made by the only model an earlier version knew.
    if (!row) return { previous: null, reembed: false };
    db.exec(`DELETE FROM memory_fact_vectors;
      DELETE FROM memory_episode_vectors;
      UPDATE memory_facts SET embedded = 0 WHERE embedded = 1;
      UPDATE memory_episodes SET embedded = 0 WHERE embedded = 1;`);
    return { previous: row.embedder, reembed: true };
  })();
}
