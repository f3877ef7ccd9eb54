import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { StewardError, toStewardError, type FieldIssue } from '../errors.js';
import type { EventBus } from '../events.js';
import type { SecretStore } from '../ports.js';
import { redactText, redactValue } from '../security/redaction.js';
import type { AuditLog } from '../store/audit-log.js';
import type { StewardDatabase } from '../store/database.js';
import type { SettingsStore } from '../store/settings-store.js';
import { zodIssues } from '../validation.js';
import type { ApprovalGate, ApprovalOutcome } from './approval-gate.js';
import type { BudgetLedger } from './budget-ledger.js';
import { ApprovalRejectedError, ToolArgumentsInvalidError, ToolDeniedError, ToolFailedError, ToolNotConfiguredError, ToolTimeoutError, UnknownToolError } from './framework-errors.js';
import type { PermissionPolicy } from './permission-policy.js';
import type { Provenance } from './provenance.js';
import { withTimeout } from '../async/with-timeout.js';
import type { PaymentBudgetView, PaymentGuard } from '../payments/payment-limits.js';
import { PaymentAmountUnknownError } from '../payments/payment-errors.js';
import { scopedSecretStore } from '../security/scoped-secret-store.js';
import { paymentAmountOf, paymentCardOf } from './payment-amount.js';
import type { AnyTool, ToolContext, ToolResult } from './tool.js';
import type { StoredToolResult, ToolCallRecord, ToolCallRepo } from './tool-call-repo.js';
import type { ToolRegistry } from './tool-registry.js';
import { toolTitle } from './tool-title.js';
import type { Person } from '../people/person.js';
import { ToolPermissionError } from '../people/people-errors.js';
import { toolAccess } from '../people/roles.js';

export const DEFAULT_TOOL_TIMEOUT_MS = 120_000;
/** Larger outputs are kept as a preview only; rollback data is always kept whole. */
const MAX_STORED_OUTPUT_CHARS = 200_000;

export interface ToolCallInput {
  /** Where the call sits in its task ("s1.i0.r2.c0"); a resumed task finds its earlier calls by it. */
  callKey: string;
  tool: string;
  args: unknown;
  taskId: string | null;
  conversationId: string | null;
  provenance: Provenance;
  /** Files the plan named for this step, when the plan was made from the user's words alone (see PermissionPolicy). */
  plannedFiles?: readonly string[];
  /** Who proposed it, for the audit row: 'agent:employee'. */
  actor: string;
  workspaceDir: string;
  signal: AbortSignal;
  /** One line for the approval card; generated from the arguments when absent. */
  summary?: string;
  /** Called while the call waits for the user (the task releases its slot and shows "waiting"). */
  onWaiting?: (approvalId: string) => void;
  onResumed?: () => Promise<void> | void;
  /**
   * Ask the user even where the mode or a grant would allow it (calls from outside Steward, such as
   * another program over MCP). Never loosens anything: 'never' still denies.
   */
  requireApproval?: boolean;
  /**
   * The person this call acts for (a workflow run's starter, a signed-in server user). Their role
   * must open the tool (people/roles.ts) before anything else happens; absent: the owner at the desktop.
   */
  person?: Pick<Person, 'name' | 'role' | 'departments' | 'active'>;
  /**
   * The call key is unique on its own, outside any task (a workflow step's attempt): an unfinished
   * call under it is picked up as a task's would be, so a restart waits on the approval card it
   * already showed instead of asking a second time.
   */
  keyIsUnique?: boolean;
}

export type ToolCallOutcome =
  | { status: 'succeeded'; call: ToolCallRecord; result: StoredToolResult }
  | { status: 'invalid'; error: ToolArgumentsInvalidError; issues: FieldIssue[] }
  | { status: 'rejected'; call: ToolCallRecord | null; error: StewardError }
  | { status: 'failed'; call: ToolCallRecord | null; error: StewardError }
  | { status: 'interrupted'; call: ToolCallRecord };

export interface ToolRunnerDeps {
  /** The user's shared workspace: read-only tools of a plan (which writes in its own folder) may read there. */
  sharedWorkspaceDir?: string;
  db: StewardDatabase;
  events: EventBus;
  registry: ToolRegistry;
  policy: PermissionPolicy;
  gate: ApprovalGate;
  budget: BudgetLedger;
  audit: AuditLog;
  calls: ToolCallRepo;
  settings: SettingsStore;
  /** The whole keychain; each tool gets a store scoped to its own credentialAccounts. */
  secrets: SecretStore;
  /** Payment limits (Payments › Limits). Without it every financial tool is refused (fail closed). */
  payments?: PaymentGuard;
}

/** Thrown when the runner is stopped by shutdown: the call stays 'running' so recovery decides (like a crash). */
export class ShutdownError extends StewardError {
  constructor() {
    super('cancelled', 'Steward is shutting down; this task will resume or be marked interrupted when it starts again.');
  }
}

/** Arguments cleared to run and who cleared them, or the outcome that ends the call here. */
type Cleared = { args: Record<string, unknown>; approver: string } | { error: ToolCallOutcome };

/** A payment within its limits: the budget view and the card line the approval shows. */
interface PaymentCheck {
  view: PaymentBudgetView;
  card: { amount: string; currency: string; payee: string; purpose: string };
}

/**
 * The one path every tool call takes: validate → configured → policy (deny wins) → budget →
 * approval → execute with a timeout → record cost → audit. Each state change is committed before
 * the next stage starts, so a killed process leaves a call whose state says exactly how far it got.
 */
export class ToolRunner {
  constructor(private readonly deps: ToolRunnerDeps) {}

  async run(input: ToolCallInput): Promise<ToolCallOutcome> {
    const tool = this.deps.registry.find(input.tool);
    if (!tool) {
      const error = new UnknownToolError(input.tool);
      this.auditCall(input, null, { result: 'error', detail: error.userMessage });
      return { status: 'failed', call: null, error };
    }
    const refused = this.refusedFor(input, tool);
    if (refused) return refused;

    let call = input.taskId ? this.deps.calls.findByKey(input.taskId, input.callKey) : input.keyIsUnique ? this.deps.calls.findUnscopedByKey(input.callKey) : null;
    if (call) {
      const settled = this.settledOutcome(call);
      if (settled) return settled;
      if (call.status === 'running' && !tool.idempotent) return this.markInterrupted(call, tool, input);
    }

    const rawArgs = call ? call.args : input.args;
    const parsed = tool.parameters.safeParse(rawArgs);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      const error = new ToolArgumentsInvalidError(tool.name, issues);
      this.auditCall(input, tool, { args: rawArgs, result: 'rejected', detail: `invalid arguments: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` });
      return { status: 'invalid', error, issues };
    }
    const args = asRecord(rawArgs);

    const configured = await this.deps.registry.configured(tool, { secrets: this.secretsFor(tool), settings: this.deps.settings.get() });
    if (!configured.ok) {
      const error = new ToolNotConfiguredError(tool.name, configured.reason);
      this.auditCall(input, tool, { args, result: 'error', detail: error.userMessage });
      return { status: 'failed', call, error };
    }

    call ??= this.deps.calls.create({ taskId: input.taskId, conversationId: input.conversationId, callKey: input.callKey, tool: tool.name, args });

    const cleared = await this.clearToRun(call, tool, input, args, parsed.data);
    if ('error' in cleared) return cleared.error;
    const { args: finalArgs, approver } = cleared;

    const finalParsed = tool.parameters.safeParse(finalArgs);
    if (!finalParsed.success) {
      const error = new ToolArgumentsInvalidError(tool.name, zodIssues(finalParsed.error));
      this.deps.calls.update(call.id, { status: 'failed', error: error.userMessage, finished: true });
      this.auditCall(input, tool, { args: finalArgs, result: 'error', detail: error.userMessage, approver });
      return { status: 'failed', call: this.deps.calls.get(call.id), error };
    }
    return this.execute(call, tool, input, finalArgs, finalParsed.data, approver);
  }

  /**
   * The arguments that may run and who let them: a call resumed while awaiting approval waits on
   * that approval; one interrupted mid-run (idempotent tools only get here) keeps the approval it
   * had; a new call goes through policy, budget, payment limits and, unless allowed, approval.
   */
  private async clearToRun(call: ToolCallRecord, tool: AnyTool, input: ToolCallInput, args: Record<string, unknown>, parsed: unknown): Promise<Cleared> {
    if (call.status === 'awaiting_approval' && call.approvalId) return this.awaitApproval(call, tool, input, call.approvalId);
    // Idempotent tool interrupted mid-call: safe to run again with the approval it already had.
    if (call.status === 'running') return { args, approver: call.approver ?? 'recovery:idempotent-retry' };

    const decision = await this.deps.policy.decide(tool, parsed, { conversationId: input.conversationId, provenance: input.provenance, taskFolder: this.taskFolderOf(input.workspaceDir), plannedFiles: input.plannedFiles ?? [] });
    if (decision.kind === 'deny') return { error: this.reject(call, tool, input, new ToolDeniedError(tool.name), 'policy:never') };
    const estimate = estimateOf(tool, parsed);
    const overBudget = this.checkBudget(estimate, input.taskId);
    if (overBudget) return { error: this.reject(call, tool, input, overBudget, 'policy:budget') };
    // Money moved is checked by its amount, separately from what the call costs (DESIGN §4.1).
    const payment = this.checkPayment(tool, parsed);
    if (payment && 'error' in payment) return { error: this.reject(call, tool, input, payment.error, 'policy:payment-limit') };
    if (decision.kind === 'allow' && !(input.requireApproval && tool.sideEffect !== 'none')) return { args, approver: decision.approver };
    return this.requestApproval(call, tool, input, args, estimate, payment);
  }

  /** Asks the user and waits. The request and the call's link to it commit together, so a crash cannot leave an orphan approval. */
  private async requestApproval(call: ToolCallRecord, tool: AnyTool, input: ToolCallInput, args: Record<string, unknown>, estimate: number, payment: PaymentCheck | null): Promise<Cleared> {
    const callId = call.id;
    const approval = this.deps.events.deferWhile(() =>
      this.deps.db.transaction(() => {
        const requested = this.deps.gate.request({
          tool,
          args,
          summary: input.summary ?? summarise(tool, args),
          conversationId: input.conversationId,
          taskId: input.taskId,
          toolCallId: callId,
          provenance: input.provenance,
          // Work on this computer costs nothing; only an outside call without a price is "unknown".
          costEstimateUsd: estimate > 0 ? estimate : tool.estimateCost || tool.sideEffect === 'none' || tool.sideEffect === 'local' ? 0 : null,
          payment: payment ? { ...payment.card, amountUsd: payment.view.amountUsd, dailyLeftUsd: payment.view.dailyLeftUsd, monthlyLeftUsd: payment.view.monthlyLeftUsd, paymentsLeftToday: payment.view.paymentsLeftToday } : null,
        });
        this.deps.calls.update(callId, { status: 'awaiting_approval', approvalId: requested.id });
        return requested;
      }),
    );
    return this.awaitApproval(this.deps.calls.get(call.id), tool, input, approval.id);
  }

  /** Undoes a completed call where its tool defines rollback; audited either way. */
  async rollback(call: ToolCallRecord, context: { workspaceDir: string; signal: AbortSignal; actor: string }): Promise<{ status: 'rolled_back' | 'not_supported' | 'failed'; message: string }> {
    const tool = this.deps.registry.find(call.tool);
    if (!tool?.rollback || !call.result) return { status: 'not_supported', message: `${call.tool} cannot be undone automatically` };
    const parsed = tool.parameters.safeParse(call.args);
    const result: ToolResult = { output: call.result.output, summary: call.result.summary, rollbackData: call.result.rollbackData, artifacts: call.result.artifacts };
    try {
      await withTimeout((signal) => tool.rollback!(result, parsed.success ? parsed.data : call.args, this.context(tool, context.workspaceDir, signal, call.taskId, call.conversationId, [], call.id)), {
        timeoutMs: tool.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS,
        parent: context.signal,
        onTimeout: () => new ToolTimeoutError(`${tool.name} (rollback)`, tool.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS),
      });
      this.deps.calls.update(call.id, { status: 'rolled_back' });
      this.deps.audit.append({ actor: context.actor, action: `tool.rollback:${tool.name}`, args: call.args, approver: 'policy:rollback', result: 'ok', detail: `undid: ${call.result.summary}`, rollback: `compensated call ${call.id}` });
      return { status: 'rolled_back', message: `undid ${call.result.summary}` };
    } catch (err) {
      const error = toStewardError(err);
      this.deps.audit.append({ actor: context.actor, action: `tool.rollback:${tool.name}`, args: call.args, approver: 'policy:rollback', result: 'error', detail: error.userMessage, rollback: `failed to compensate call ${call.id}` });
      return { status: 'failed', message: `could not undo ${call.result.summary}: ${error.userMessage}` };
    }
  }

  private settledOutcome(call: ToolCallRecord): ToolCallOutcome | null {
    switch (call.status) {
      case 'succeeded':
      case 'rolled_back':
        return call.result ? { status: 'succeeded', call, result: call.result } : null;
      case 'rejected':
        return { status: 'rejected', call, error: new StewardError('cancelled', call.error ?? `"${call.tool}" was not allowed to run.`) };
      case 'failed':
        return { status: 'failed', call, error: new StewardError('internal', call.error ?? `"${call.tool}" failed.`) };
      case 'interrupted':
        return { status: 'interrupted', call };
      default:
        return null;
    }
  }

  private markInterrupted(call: ToolCallRecord, tool: AnyTool, input: ToolCallInput): ToolCallOutcome {
    const detail = `Steward stopped while "${tool.name}" was running; it may or may not have finished, so it was not run again.`;
    this.deps.calls.update(call.id, { status: 'interrupted', error: detail, finished: true });
    this.auditCall(input, tool, { args: call.args, result: 'error', detail: `interrupted: ${detail}`, approver: call.approver });
    return { status: 'interrupted', call: this.deps.calls.get(call.id) };
  }

  private async awaitApproval(
    call: ToolCallRecord,
    tool: AnyTool,
    input: ToolCallInput,
    approvalId: string,
  ): Promise<Cleared> {
    input.onWaiting?.(approvalId);
    let waited: ApprovalOutcome;
    try {
      waited = await this.deps.gate.wait(approvalId, input.signal);
    } finally {
      await input.onResumed?.();
    }
    const outcome = waited;
    if (!('args' in outcome)) {
      return { error: this.reject(call, tool, input, new ApprovalRejectedError(tool.name, outcome.outcome), outcome.decidedBy) };
    }
    const approver = `user:${outcome.decidedBy}`;
    this.deps.calls.update(call.id, { args: outcome.args, approver });
    // Time passed while waiting: the budget must still hold for the arguments that will run.
    const overBudget = this.checkBudget(estimateOf(tool, tool.parameters.safeParse(outcome.args).data), input.taskId);
    if (overBudget) return { error: this.reject(call, tool, input, overBudget, 'policy:budget') };
    // The payment limits too (other payments may have run meanwhile, or the amount was modified).
    const payment = this.checkPayment(tool, outcome.args);
    if (payment && 'error' in payment) return { error: this.reject(call, tool, input, payment.error, 'policy:payment-limit') };
    return { args: outcome.args, approver };
  }

  /**
   * For a financial tool: its amount (refused when unknown) within the payment limits, plus the
   * card line; null for other tools.
   */
  private checkPayment(tool: AnyTool, args: unknown): PaymentCheck | { error: StewardError } | null {
    if (tool.sideEffect !== 'financial') return null;
    const amount = paymentAmountOf(tool, args);
    if (!amount.ok) return { error: new PaymentAmountUnknownError(tool.name, amount.reason) };
    if (!this.deps.payments) return { error: new PaymentAmountUnknownError(tool.name, 'no payment limits are configured in this Steward') };
    try {
      const view = this.deps.payments.check(amount.amountUsd);
      const card = paymentCardOf(tool, args) ?? { amount: `$${amount.amountUsd.toFixed(2)}`, currency: 'usd', payee: 'not stated', purpose: 'not stated' };
      return { view, card };
    } catch (err) {
      return { error: toStewardError(err) };
    }
  }

  /** A person whose role does not open this tool is refused before anything is stored, naming the role that would (DESIGN §4.1). */
  private refusedFor(input: ToolCallInput, tool: AnyTool): ToolCallOutcome | null {
    if (!input.person) return null;
    const access = toolAccess(input.person, tool);
    if (access.ok) return null;
    const error = new ToolPermissionError(input.person.name, input.person.role, toolTitle(tool), access.needs);
    this.auditCall(input, tool, { result: 'rejected', detail: error.userMessage, approver: 'policy:role' });
    return { status: 'rejected', call: null, error };
  }

  /** The call's folder when it is a task's own (not the user's shared workspace), for the policy. */
  private taskFolderOf(workspaceDir: string): string | null {
    const shared = this.deps.sharedWorkspaceDir;
    return shared && path.resolve(workspaceDir) !== path.resolve(shared) ? workspaceDir : null;
  }

  /** The keychain as this tool may see it: only the accounts it declares (DESIGN §4.1). */
  private secretsFor(tool: AnyTool): SecretStore {
    return scopedSecretStore(this.deps.secrets, `The tool "${tool.name}"`, tool.credentialAccounts ?? []);
  }

  private checkBudget(estimate: number, taskId: string | null): StewardError | null {
    try {
      this.deps.budget.check(estimate, taskId);
      return null;
    } catch (err) {
      return toStewardError(err);
    }
  }

  private reject(call: ToolCallRecord, tool: AnyTool, input: ToolCallInput, error: StewardError, approver: string): ToolCallOutcome {
    this.deps.db.transaction(() => {
      this.deps.calls.update(call.id, { status: 'rejected', error: error.userMessage, approver, finished: true });
      this.auditCall(input, tool, { args: call.args, result: 'rejected', detail: error.userMessage, approver });
    });
    return { status: 'rejected', call: this.deps.calls.get(call.id), error };
  }

  private async execute(call: ToolCallRecord, tool: AnyTool, input: ToolCallInput, args: Record<string, unknown>, parsed: unknown, approver: string): Promise<ToolCallOutcome> {
    // Committed before the tool starts: after a crash this row is how recovery knows the call may have happened.
    this.deps.calls.update(call.id, { status: 'running', approver, args, started: true });
    const timeoutMs = tool.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
    const logs: string[] = [];
    mkdirSync(input.workspaceDir, { recursive: true });
    let result: ToolResult;
    try {
      result = await withTimeout((signal) => tool.execute(parsed, this.context(tool, input.workspaceDir, signal, input.taskId, input.conversationId, logs, call.id)), {
        timeoutMs,
        parent: input.signal,
        onTimeout: () => new ToolTimeoutError(tool.name, timeoutMs),
      });
    } catch (err) {
      if (input.signal.aborted && input.signal.reason instanceof ShutdownError) throw input.signal.reason;
      const error = err instanceof ToolTimeoutError || (input.signal.aborted && err === input.signal.reason) ? toStewardError(err) : new ToolFailedError(tool.name, err);
      this.deps.db.transaction(() => {
        this.deps.calls.update(call.id, { status: 'failed', error: error.userMessage, finished: true });
        this.auditCall(input, tool, { args, result: 'error', detail: error.userMessage, approver });
      });
      return { status: 'failed', call: this.deps.calls.get(call.id), error };
    }

    if (tool.sideEffect === 'financial' && this.deps.payments) {
      // The 80% alert: a notification now and a notice in the result the chat shows.
      const amount = paymentAmountOf(tool, parsed);
      const notice = amount.ok ? this.deps.payments.afterPayment(amount.amountUsd) : null;
      if (notice) result = { ...result, summary: `${result.summary} ${notice}` };
    }
    const stored = storeResult(result, logs);
    const cost = result.costUsd ?? estimateOf(tool, parsed);
    // The cost.updated event waits for the commit, like every event (DESIGN §4.3).
    this.deps.events.deferWhile(() => this.deps.db.transaction(() => {
      this.deps.calls.update(call.id, { status: 'succeeded', result: stored, costUsd: cost, finished: true });
      this.deps.budget.record({ amountUsd: cost, source: `tool:${tool.name}`, taskId: input.taskId, conversationId: input.conversationId });
      this.auditCall(input, tool, {
        args,
        result: 'ok',
        detail: stored.summary,
        approver,
        costUsd: cost,
        rollback: rollbackNote(tool, stored.rollbackData),
      });
    }));
    return { status: 'succeeded', call: this.deps.calls.get(call.id), result: stored };
  }

  private context(tool: AnyTool, workspaceDir: string, signal: AbortSignal, taskId: string | null, conversationId: string | null, logs: string[], callId: string): ToolContext {
    const call = this.deps.calls.get(callId);
    const approval = call.approvalId ? this.deps.gate.repo.get(call.approvalId) : null;
    return {
      workspaceDir,
      ...(this.deps.sharedWorkspaceDir && tool.sideEffect === 'none' ? { sharedWorkspaceDir: this.deps.sharedWorkspaceDir } : {}),
      secrets: this.secretsFor(tool),
      // The call id survives a crash and its retry, so the service sees the same key both times.
      idempotencyKey: `steward-${callId}`,
      approval: {
        approvalId: call.approvalId,
        approver: call.approver ?? 'unknown',
        twoFactorUsed: approval !== null && approval.twoFactorRequired && (approval.status === 'approved' || approval.status === 'modified'),
      },
      settings: this.deps.settings.get(),
      signal,
      taskId,
      conversationId,
      log: (message) => {
        if (logs.length < 200) logs.push(redactText(`[${tool.name}] ${message}`));
      },
    };
  }

  private auditCall(
    input: ToolCallInput,
    tool: AnyTool | null,
    entry: { args?: unknown; result: 'ok' | 'error' | 'rejected'; detail: string; approver?: string | null; costUsd?: number | null; rollback?: string | null },
  ): void {
    this.deps.audit.append({
      actor: input.actor,
      action: `tool:${tool?.name ?? input.tool}`,
      args: { args: entry.args ?? input.args, taskId: input.taskId, conversationId: input.conversationId, provenance: input.provenance.source },
      approver: entry.approver ?? null,
      costUsd: entry.costUsd ?? null,
      result: entry.result,
      detail: entry.detail,
      rollback: entry.rollback ?? null,
    });
  }
}

/** What the audit row says about undoing this call, including what cannot be undone. */
function rollbackNote(tool: AnyTool, rollbackData: Record<string, unknown> | null | undefined): string | null {
  const undo = rollbackData ? JSON.stringify(redactValue(rollbackData)) : tool.rollback ? 'available' : null;
  if (!tool.cannotUndo) return undo;
  return undo ? `${undo}; cannot be undone: ${tool.cannotUndo}` : `cannot be undone: ${tool.cannotUndo}`;
}

function estimateOf(tool: AnyTool, parsed: unknown): number {
  if (!tool.estimateCost) return 0;
  try {
    const value = tool.estimateCost(parsed);
    return Number.isFinite(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}

export function asRecord(args: unknown): Record<string, unknown> {
  return args !== null && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : { value: args };
}

/** "send_email — to: ann@example.com, subject: Offer" (values shortened; secrets redacted). */
export function summarise(tool: AnyTool, args: Record<string, unknown>): string {
  if (tool.describe) {
    try {
      const parsed = tool.parameters.safeParse(args);
      if (parsed.success) return redactText(tool.describe(parsed.data));
    } catch {
      // A describe that throws must not block the approval: fall back to the arguments.
    }
  }
  const safe = redactValue(args) as Record<string, unknown>;
  const parts = Object.entries(safe)
    .slice(0, 4)
    .map(([key, value]) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return `${key}: ${text && text.length > 60 ? `${text.slice(0, 59)}…` : text}`;
    });
  return parts.length > 0 ? `${tool.name} — ${parts.join(', ')}` : tool.name;
}

function storeResult(result: ToolResult, logs: string[]): StoredToolResult {
  let output: unknown = null;
  try {
    const json = JSON.stringify(result.output ?? null);
    output = json.length > MAX_STORED_OUTPUT_CHARS ? { preview: json.slice(0, MAX_STORED_OUTPUT_CHARS), truncated: true } : JSON.parse(json);
  } catch {
    output = { preview: String(result.output).slice(0, 2000), truncated: true };
  }
  return {
    output,
    summary: result.summary,
    costUsd: result.costUsd ?? null,
    artifacts: result.artifacts ?? [],
    rollbackData: result.rollbackData ?? null,
    ...(logs.length > 0 && { logs }),
  };
}
