/**
 * A tool is a plain object you can read in one screen: a name, a zod schema for its arguments,
 * the class of side effect it has, and execute (plus optional rollback). The framework around it
 * (registry, permissions, approval, budget, audit, rollback) is deterministic code — the model
 * only proposes a call (DESIGN §4.1).
 */
import type { z } from 'zod';
import type { Settings } from '../../../src-preload/contract.js';
import type { SecretStore } from '../ports.js';

/** none: reads only · local: changes files on this machine · external: reaches the outside world · financial: moves money. */
export type SideEffect = 'none' | 'local' | 'external' | 'financial';

/** Per-tool permission mode (Goose-style). Financial tools are never 'always'. */
export type PermissionMode = 'always' | 'ask' | 'never';

export interface ToolContext {
  /** The task's own workspace folder; local tools must stay inside it. */
  workspaceDir: string;
  /**
   * The user's shared workspace, when the task works in a folder of its own: read-only tools look
   * there for what is not in the task's folder (a plan can read the user's files; writes stay in
   * the task's folder and go through the gate).
   */
  sharedWorkspaceDir?: string;
  secrets: SecretStore;
  settings: Settings;
  signal: AbortSignal;
  taskId: string | null;
  conversationId: string | null;
  /**
   * Stable for this tool call, also across a crash and its retry: send it as the service's
   * idempotency key (Stripe Idempotency-Key, our own key elsewhere) on every create, so a retry
   * never charges or sends twice.
   */
  idempotencyKey: string;
  /** Who let this call run, for ledgers: the approval (null when a grant or 'always' allowed it) and whether a 2FA code was given. */
  approval: { approvalId: string | null; approver: string; twoFactorUsed: boolean };
  log(message: string): void;
}

/** Something the user can preview: a generated file, an image, a site screenshot, a diff. */
export interface Artifact {
  kind: 'file' | 'image' | 'document' | 'website' | 'diff';
  path: string;
  mime: string | null;
  title: string;
}

export interface ToolResult<O = unknown> {
  output: O;
  /** One line for the chat and the audit row ("Sent to ann@example.com"). */
  summary: string;
  costUsd?: number;
  artifacts?: Artifact[];
  /** What rollback needs to undo this call (kept in the task state and the audit row). */
  rollbackData?: Record<string, unknown> | null;
}

export interface Tool<P extends z.ZodType = z.ZodType, O = unknown> {
  name: string;
  /** Written for the model (what it does, when to use it, argument hints); users see `userDescription`. */
  description: string;
  /** The tool's name for people ("Create a file"), on approval cards, status lines and Settings. Default: built from `name`. */
  title?: string;
  /** One line for people saying what the tool does ("Writes a text file in the task's workspace folder"). Default: `description`. */
  userDescription?: string;
  parameters: P;
  sideEffect: SideEffect;
  defaultPermission: PermissionMode;
  /** Safe to retry after a crash mid-call. */
  idempotent: boolean;
  timeoutMs?: number;
  /**
   * One line saying what this call will do, in the user's terms ("Email “Q3 invoice” to ana@…"),
   * for the approval card and the chat; the card lists the full arguments beneath it. Without
   * it the line is built from the first arguments. Must not repeat secrets.
   */
  describe?(params: z.output<P>): string;
  /**
   * Where the content this call returned came from, in the user's words ("the file notes/a.md",
   * "the email from ana@x.com, received 3 May"): approval cards of whatever is proposed after
   * reading it name this item (DESIGN §4.2). Return null when the result is only Steward's own
   * account of what it did, with no outside text in it (a file written, a message sent).
   * Absent: "the result of <tool>".
   */
  resultOrigin?(params: z.output<P>, output: O): string | null;
  /**
   * For local tools: the workspace-relative paths this call creates when it only creates files
   * that do not exist yet in `workspaceDir` (nothing replaced or deleted); null otherwise. A plan
   * step may create the files its plan named before any untrusted text was read, in the task's own
   * folder, without asking (permission-policy.ts). Absent: the call is assumed to change data.
   */
  newFilesCreated?(params: z.output<P>, workspaceDir: string): Promise<string[] | null>;
  /**
   * What one call with these arguments costs the user in USD (fees, API prices): booked against
   * the spend budget and shown on the approval card. Never the money a payment moves.
   */
  estimateCost?(params: z.output<P>): number;
  /**
   * The money this call moves, in USD (DESIGN §4.1). Required for `financial` tools: two-factor,
   * the per-payment limit and the daily/monthly payment limits use it. A financial tool without it,
   * or whose amountUsd throws or returns no finite non-negative number, is refused (fail closed).
   */
  amountUsd?(params: z.output<P>): number;
  /**
   * The payment as the approval card shows it (amount in the currency's own units, payee,
   * purpose). Financial tools should give it; the runner adds the budget left.
   */
  payment?(params: z.output<P>): { amount: string; currency: string; payee: string; purpose: string };
  /**
   * What cannot be undone once this runs ("the SMS is delivered at once", "Stripe keeps its fee"),
   * shown on the approval card before and written in the audit row after.
   */
  cannotUndo?: string;
  /**
   * The part of the arguments a grant covers (e.g. the recipient's domain). A grant given for
   * one scope does not cover another; when it changes, the user is asked again.
   */
  grantScope?(params: z.output<P>): string;
  /**
   * Keychain accounts holding this tool's credentials (e.g. 'smtp.password'). A remembered grant
   * stores a fingerprint of them (never the secret); when they change, the user is asked again.
   */
  credentialAccounts?: readonly string[];
  /**
   * Asks before every call, like a payment: no 'always' mode and no remembered grant covers it
   * (a write to the company database, where each statement is different and cannot be undone).
   */
  askEveryTime?: boolean;
  /** Whether the tool can run now (credentials present, service configured), with the fix if not. */
  isConfigured?(context: Pick<ToolContext, 'secrets' | 'settings'>): Promise<{ ok: true } | { ok: false; reason: string }>;
  execute(params: z.output<P>, context: ToolContext): Promise<ToolResult<O>>;
  /** Compensation for a completed call when a later step fails. */
  rollback?(result: ToolResult<O>, params: z.output<P>, context: ToolContext): Promise<void>;
}

export type AnyTool = Tool<z.ZodType, unknown>;

/** Identity helper that keeps the parameter and output types linked. */
export function defineTool<P extends z.ZodType, O>(tool: Tool<P, O>): Tool<P, O> {
  return tool;
}
