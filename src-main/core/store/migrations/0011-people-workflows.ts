import type { Migration } from '../migration.js';

/**
 * People and roles, and workflow runs.
 * - people: the owner and the people the owner adds (name, email, role, departments). A password
 *   (scrypt hash, never the password) or a token (SHA-256 of it) lets a person sign in to the
 *   local server; at most one owner.
 * - workflow_definitions: definitions the user loaded (the shipped ones live in the code), kept
 *   as the text they were loaded from so a restart re-checks them.
 * - workflow_runs: one run of a definition, with the definition it started with (a newer version
 *   never changes a run in flight), its inputs and who started it.
 * - workflow_steps: the state of each step of a run, committed at every change, so a killed
 *   process resumes where it was and never repeats a finished step.
 * - workflow_requests: approvals and questions routed to a role or a person.
 * - workflow_events: the run's timeline (who did what, when, with what comment).
 */
export const migration0011: Migration = {
  version: 11,
  name: 'people-workflows',
  sql: `
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'director', 'manager', 'employee')),
  departments TEXT NOT NULL DEFAULT '[]',
  password_hash TEXT,
  token_hash TEXT UNIQUE,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX people_one_owner ON people (role) WHERE role = 'owner';

CREATE TABLE workflow_definitions (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  source TEXT NOT NULL,
  text TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE workflow_runs (
  id TEXT PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  definition_json TEXT NOT NULL,
  inputs_json TEXT NOT NULL,
  provenance_json TEXT NOT NULL,
  started_by TEXT REFERENCES people(id) ON DELETE SET NULL,
  started_via TEXT NOT NULL CHECK (started_via IN ('ui', 'chat', 'schedule', 'api')),
  status TEXT NOT NULL CHECK (status IN ('running', 'waiting', 'succeeded', 'failed', 'cancelled')),
  detail TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX workflow_runs_status ON workflow_runs (status, updated_at DESC);

CREATE TABLE workflow_steps (
  run_id TEXT NOT NULL REFERENCES workflow_runs(id) ON DELETE CASCADE,
  step_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'interrupted', 'compensated')),
  attempt INTEGER NOT NULL DEFAULT 0,
  output_json TEXT,
  summary TEXT,
  error TEXT,
  waiting_for TEXT,
  wake_at TEXT,
  decided_by TEXT,
  comment TEXT,
  started_at TEXT,
  finished_at TEXT,
  PRIMARY KEY (run_id, step_id)
);

CREATE TABLE workflow_requests (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES workflow_runs(id) ON DELETE CASCADE,
  step_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('approval', 'question')),
  route_json TEXT NOT NULL,
  assignees_json TEXT NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'answered', 'cancelled')),
  decided_by TEXT,
  comment TEXT,
  answer TEXT,
  created_at TEXT NOT NULL,
  decided_at TEXT
);
CREATE INDEX workflow_requests_pending ON workflow_requests (status, created_at);

CREATE TABLE workflow_events (
  seq INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES workflow_runs(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  step_id TEXT,
  actor TEXT NOT NULL,
  what TEXT NOT NULL,
  comment TEXT
);
CREATE INDEX workflow_events_run ON workflow_events (run_id, seq);
`,
};
