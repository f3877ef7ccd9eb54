import type { Migration } from '../migration.js';

/**
 * MCP servers, scheduled tasks and skills.
 * - mcp_servers: one row per server the user added; config is JSON without secret values (those
 *   live in the keychain, the config names only the keys).
 * - schedules: a recurring (cron) or one-off request, in the user's time zone, with what to do
 *   about runs missed while Steward was closed and which tools it may use without asking.
 * - schedule_runs: one row per run (due time, what happened), so "last result" and missed-run
 *   handling survive restarts.
 * - skills: a reusable request (prompt with {{inputs}}, allowed tools).
 */
export const migration0009: Migration = {
  version: 9,
  name: 'mcp-schedules-skills',
  sql: `
CREATE TABLE mcp_servers (
  name TEXT PRIMARY KEY,
  config TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE schedules (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  request TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cron', 'once')),
  cron TEXT,
  run_at TEXT,
  time_zone TEXT NOT NULL,
  missed_policy TEXT NOT NULL CHECK (missed_policy IN ('run_once', 'skip')),
  pre_approved_tools TEXT NOT NULL DEFAULT '[]',
  conversation_id TEXT REFERENCES conversations(id) ON DELETE SET NULL,
  paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  next_run_at TEXT,
  last_run_at TEXT,
  last_result TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((kind = 'cron' AND cron IS NOT NULL) OR (kind = 'once' AND run_at IS NOT NULL))
);
CREATE INDEX schedules_next_run ON schedules (paused, next_run_at);

CREATE TABLE schedule_runs (
  id TEXT PRIMARY KEY,
  schedule_id TEXT NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
  due_at TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'waiting_approval', 'succeeded', 'failed', 'skipped')),
  detail TEXT,
  message_id TEXT
);
CREATE INDEX schedule_runs_schedule ON schedule_runs (schedule_id, due_at);

CREATE TABLE skills (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL,
  prompt TEXT NOT NULL,
  inputs TEXT NOT NULL DEFAULT '[]',
  allowed_tools TEXT NOT NULL DEFAULT '[]',
  source TEXT NOT NULL CHECK (source IN ('task', 'file', 'manual')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
};
