import type { SecretStore } from '../ports.js';
import { credentialFingerprint } from './credential-fingerprint.js';
import type { GrantStore } from './grant-store.js';
import { normalizeRelative } from './builtin/workspace-path.js';
import type { Provenance } from './provenance.js';
import type { AnyTool } from './tool.js';
import type { ToolRegistry } from './tool-registry.js';

export type PolicyDecision =
  | { kind: 'deny' }
  | { kind: 'allow'; approver: string }
  | { kind: 'ask'; reason: 'financial' | 'untrusted' | 'mode' };

/** The scope a grant covers for these arguments; tools without grantScope have one scope for all calls. */
export function grantScopeOf(tool: AnyTool, args: unknown): string {
  if (!tool.grantScope) return '*';
  try {
    return tool.grantScope(args);
  } catch {
    // A scope that cannot be computed must not match any grant: fail closed.
    return `!unscoped:${Date.now()}:${Math.random()}`;
  }
}

/**
 * Decides whether a validated call may run, must be asked about, or is forbidden. Pure code over
 * the user's settings — no model output takes part (DESIGN §4.1). The order is the policy:
 *   1. 'never' denies, whatever grants exist (deny wins);
 *   2. any side effect proposed while untrusted text was in context asks — local writes included,
 *      and before grants and modes: a remembered approval or an 'always' setting was consent to
 *      what the user asked for, never to what an email, a file or a web page may have suggested;
 *   3. financial tools, and tools that ask every time, always ask: no mode or grant can auto-approve them;
 *   4. a grant for the same tool, scope and credentials allows (the user approved exactly that scope);
 *   5. 'always' allows; 'ask' asks.
 */
export class PermissionPolicy {
  constructor(
    private readonly registry: ToolRegistry,
    private readonly grants: GrantStore,
    private readonly secrets: SecretStore,
  ) {}

  async decide(
    tool: AnyTool,
    args: unknown,
    context: {
      conversationId: string | null;
      provenance: Provenance;
      /** Set when the call runs in a task's own folder (not the user's workspace). */
      taskFolder?: string | null;
      /** Files the task's plan said it would create, when that plan was made from the user's words alone. */
      plannedFiles?: readonly string[];
    },
  ): Promise<PolicyDecision> {
    const mode = this.registry.mode(tool.name);
    if (mode === 'never') return { kind: 'deny' };
    if (context.provenance.source !== 'user' && tool.sideEffect !== 'none' && !(await createsOnlyPlannedFiles(tool, args, context.taskFolder ?? null, context.plannedFiles ?? []))) {
      return { kind: 'ask', reason: 'untrusted' };
    }
    if (tool.sideEffect === 'financial') return { kind: 'ask', reason: 'financial' };
    if (tool.askEveryTime) return { kind: 'ask', reason: 'mode' };
    const fingerprint = await credentialFingerprint(tool, this.secrets);
    const grant = this.grants.find(tool.name, grantScopeOf(tool, args), context.conversationId, fingerprint);
    if (grant) return { kind: 'allow', approver: `grant:${grant.id}` };
    if (mode === 'always') return { kind: 'allow', approver: 'policy:always' };
    return { kind: 'ask', reason: 'mode' };
  }
}

/**
 * The one side effect that may follow untrusted text without asking: a local tool creating, in
 * the task's own folder, files that do not exist yet and that the plan named before any untrusted
 * text was read (the user asked for them; the text did not). Nothing of the user's is changed or
 * deleted. A check that fails counts as "changes data" (fail closed).
 */
async function createsOnlyPlannedFiles(tool: AnyTool, args: unknown, taskFolder: string | null, plannedFiles: readonly string[]): Promise<boolean> {
  if (tool.sideEffect !== 'local' || !taskFolder || !tool.newFilesCreated || plannedFiles.length === 0) return false;
  try {
    const created = await tool.newFilesCreated(args, taskFolder);
    const planned = new Set(plannedFiles.map(normalizeRelative));
    return created !== null && created.length > 0 && created.every((file) => planned.has(normalizeRelative(file)));
  } catch {
    return false;
  }
}
