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
  secrets: SecretStore;
  settings: Settings;
  signal: AbortSignal;
  taskId: string | null;
  conversationId: string | null;
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
  description: string;
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
  /** Estimated cost in USD of one call with these arguments (shown on the approval card). */
  estimateCost?(params: z.output<P>): number;
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
