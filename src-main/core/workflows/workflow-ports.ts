/** What the workflow engine needs from the rest of Steward, as narrow interfaces (tests pass their own). */
import type { Notifier } from '../ports.js';
import type { Person } from '../people/person.js';
import type { Provenance } from '../tools/provenance.js';
import type { SideEffect } from '../tools/tool.js';
import type { Route } from './workflow-definition.js';

export interface WorkflowToolInfo {
  title: string;
  sideEffect: SideEffect;
  idempotent: boolean;
}

export type ToolStepOutcome = { ok: true; output: unknown; summary: string } | { ok: false; message: string; retryable: boolean };

/** Runs a tool the one way every tool runs (ToolRunner: permissions, approval gate, budgets, audit). */
export interface WorkflowToolPort {
  describe(name: string): WorkflowToolInfo | null;
  call(input: { callKey: string; tool: string; args: Record<string, unknown>; actor: string; person: Person | null; provenance: Provenance; summary: string; signal: AbortSignal }): Promise<ToolStepOutcome>;
}

export interface WorkflowPeople {
  get(id: string): Person | null;
  holdersOf(route: Route): Person[];
}

export interface WorkflowAudit {
  append(entry: { actor: string; action: string; args: unknown; approver: string | null; costUsd: number | null; result: 'ok' | 'error' | 'rejected'; detail: string; rollback: string | null }): unknown;
}

export interface WorkflowEngineDeps {
  repo: import('./workflow-run-repo.js').WorkflowRunRepo;
  tools: WorkflowToolPort;
  people: WorkflowPeople;
  notifier: Notifier;
  audit: WorkflowAudit;
  now: () => Date;
  /**
   * Rejects the approval cards a stopped run's tool calls were still waiting on: they can never
   * run now, so no card may stay open for them (approving one would run nothing).
   */
  withdrawApprovals?: (runId: string, by: string) => void;
  /** Tells hosts a run changed (the Workflows screen refreshes). */
  onChange?: (runId: string) => void;
  log?: (message: string, err?: unknown) => void;
}
