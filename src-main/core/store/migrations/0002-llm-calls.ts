import type { Migration } from '../migration.js';

/**
 * One row per model call (each attempt of the router counts: a primary that failed over is its
 * own row with outcome 'fallback'), for the router dashboard: local vs cloud share, spend,
 * savings and failure rates. Rows hold counts and codes only, never prompt or answer text.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'llm-calls',
  sql: `
CREATE TABLE llm_calls (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  provider TEXT NOT NULL,
  location TEXT NOT NULL CHECK (location IN ('local', 'cloud')),
  model TEXT NOT NULL,
  role TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('chat', 'chat_json', 'embed')),
  task_id TEXT,
  prompt_tokens INTEGER NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
  completion_tokens INTEGER NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
  latency_ms INTEGER NOT NULL CHECK (latency_ms >= 0),
  cost_usd REAL NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
  price_known INTEGER NOT NULL DEFAULT 1 CHECK (price_known IN (0, 1)),
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error', 'fallback', 'cancelled')),
  error_code TEXT,
  complexity REAL,
  repaired INTEGER NOT NULL DEFAULT 0 CHECK (repaired IN (0, 1))
);
CREATE INDEX llm_calls_at ON llm_calls(at);
CREATE INDEX llm_calls_task ON llm_calls(task_id) WHERE task_id IS NOT NULL;
`,
};
