import type { Migration } from '../migration.js';

/**
 * Which embedding model made memory's stored vectors. Vectors of two models are not comparable,
 * even when they have the same size, so when the model changes memory embeds its facts and past
 * turns again instead of searching old vectors with a new model's question. No row yet: the
 * first model memory checks after this migration adopts the vectors already stored (they were
 * made by the model in use, the only one an earlier version knew).
 */
export const migration0017: Migration = {
  version: 17,
  name: 'memory-vector-model',
  sql: `
CREATE TABLE memory_vector_model (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  embedder TEXT NOT NULL,
  adopted_at TEXT NOT NULL
);
`,
};
