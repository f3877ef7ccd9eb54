import type { Migration } from '../migration.js';
import { MEMORY_VECTOR_DIMENSIONS } from './0003-memory.js';

/**
 * Knowledge passages' vectors move into sqlite-vec (issue 17), like memory's: a vec0 table that
 * answers nearest-passage queries inside SQLite instead of every vector being read into the app
 * and compared one by one. A trigger deletes a passage's vector with the passage (a re-indexed,
 * removed or left-out file, a removed folder), so no vector outlives its text. Vectors already
 * stored on the passages move over when they have the size the table holds; the rest are marked
 * not embedded so they are embedded again. `embedder` stays on the passage: it says which
 * embedding model made its vector, so a new model re-embeds everything.
 */
const VECTOR_BYTES = MEMORY_VECTOR_DIMENSIONS * 4;

export const migration0016: Migration = {
  version: 16,
  name: 'knowledge-vectors',
  sql: `
CREATE VIRTUAL TABLE knowledge_chunk_vectors USING vec0(chunk_id integer primary key, embedding float[${MEMORY_VECTOR_DIMENSIONS}] distance_metric=cosine);
INSERT INTO knowledge_chunk_vectors (chunk_id, embedding)
  SELECT id, embedding FROM knowledge_chunks WHERE embedding IS NOT NULL AND length(embedding) = ${VECTOR_BYTES};
UPDATE knowledge_chunks SET embedder = NULL WHERE embedding IS NULL OR length(embedding) <> ${VECTOR_BYTES};
UPDATE knowledge_chunks SET embedding = NULL;
CREATE TRIGGER knowledge_chunks_vector_delete AFTER DELETE ON knowledge_chunks BEGIN
  DELETE FROM knowledge_chunk_vectors WHERE chunk_id = old.id;
END;
`,
};
