import type { Migration } from '../migration.js';

/**
 * The agent's durable state: task steps and tool calls (so a killed process resumes or reports
 * "interrupted"), approvals and clarifications (they survive restarts), per-tool permission modes
 * and remembered grants, the cost ledger behind budgets, which messages carry untrusted content,
 * and cached summaries of older conversation turns.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'agent',
  sql: `
CREATE TABLE task_steps (
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  title TEXT NOT NULL,
  tool TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'interrupted')),
  iteration INTEGER NOT NULL DEFAULT 0,
  estimate_seconds REAL NOT NULL DEFAULT 0,
  duration_seconds REAL,
  state_json TEXT NOT NULL DEFAULT '{}',
  started_at TEXT,
  finished_at TEXT,
  PRIMARY KEY (task_id, idx)
);

CREATE TABLE tool_calls (
  id TEXT PRIMARY KEY,
  task_id TEXT REFERENCES tasks(id) ON DELETE CASCADE,
  conversation_id TEXT,
  -- Position of the call inside its task ("s1.i0.r2.c0"), so a resumed step finds its own calls.
  call_key TEXT NOT NULL,
  tool TEXT NOT NULL,
  args_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'awaiting_approval', 'running', 'succeeded', 'failed', 'rejected', 'interrupted', 'rolled_back')),
  approval_id TEXT,
  approver TEXT,
  result_json TEXT,
  error TEXT,
  cost_usd REAL,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT
);
CREATE UNIQUE INDEX tool_calls_key ON tool_calls(task_id, call_key);
CREATE INDEX tool_calls_status ON tool_calls(status);

CREATE TABLE approvals (
  id TEXT PRIMARY KEY,
  conversation_id TEXT,
  task_id TEXT,
  tool_call_id TEXT,
  tool TEXT NOT NULL,
  summary TEXT NOT NULL,
  args_json TEXT NOT NULL,
  risk TEXT NOT NULL CHECK (risk IN ('none', 'local', 'external', 'financial')),
  cost_estimate_usd REAL,
  provenance_source TEXT NOT NULL CHECK (provenance_source IN ('user', 'untrusted')),
  provenance_detail TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'modified', 'expired')),
  final_args_json TEXT,
  remember TEXT CHECK (remember IN ('conversation', 'always')),
  decided_by TEXT,
  decided_at TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX approvals_pending ON approvals(status, expires_at);
CREATE INDEX approvals_task ON approvals(task_id);

CREATE TABLE clarifications (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  task_id TEXT REFERENCES tasks(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('manager', 'supervisor', 'employee')),
  question TEXT NOT NULL,
  context_json TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL CHECK (status IN ('pending', 'answered', 'cancelled')),
  answer TEXT,
  created_at TEXT NOT NULL,
  answered_at TEXT
);
CREATE INDEX clarifications_pending ON clarifications(conversation_id, status);

CREATE TABLE tool_permissions (
  tool TEXT PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('always', 'ask', 'never')),
  updated_at TEXT NOT NULL
);

CREATE TABLE tool_grants (
  id TEXT PRIMARY KEY,
  tool TEXT NOT NULL,
  scope TEXT NOT NULL,
  -- NULL: a permanent grant; otherwise it covers this conversation only.
  conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
  -- Hash of the tool's credentials when granted (never the secret): new credentials, new question.
  credential_fingerprint TEXT NOT NULL,
  approval_id TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX tool_grants_tool ON tool_grants(tool, revoked_at);

CREATE TABLE cost_ledger (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  day TEXT NOT NULL,
  task_id TEXT,
  conversation_id TEXT,
  source TEXT NOT NULL,
  amount_usd REAL NOT NULL CHECK (amount_usd >= 0)
);
CREATE INDEX cost_ledger_day ON cost_ledger(day);
CREATE INDEX cost_ledger_task ON cost_ledger(task_id);

CREATE TABLE message_provenance (
  message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('untrusted')),
  detail TEXT
);

CREATE TABLE conversation_summaries (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  through_message_id TEXT NOT NULL,
  covered_count INTEGER NOT NULL,
  summary TEXT NOT NULL,
  untrusted INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
`,
};
