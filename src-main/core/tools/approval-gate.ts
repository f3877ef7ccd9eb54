import { randomUUID } from 'node:crypto';
import type { ApprovalRecord } from '../../../src-preload/schemas/agent.js';
import type { Approval } from '../../../src-preload/contract.js';
import { WaiterSet } from '../async/waiter-set.js';
import type { EventBus } from '../events.js';
import type { Clock, SecretStore } from '../ports.js';
import { paymentNeedsTwoFactor } from '../security/two-factor/payment-threshold.js';
import type { TwoFactorService } from '../security/two-factor/two-factor-service.js';
import type { StewardDatabase } from '../store/database.js';
import type { SettingsStore } from '../store/settings-store.js';
import { zodIssues } from '../validation.js';
import { ApprovalRepo, type StoredApproval } from './approval-repo.js';
import type { AuditLog } from '../store/audit-log.js';
import { ABANDONED_DECIDER, closeStaleCall, isClaimed, RESTARTED_DECIDER, STALE_DECIDERS, staleCause, staleReason, TASK_ENDED_DECIDER, unclaimedPending } from './stale-approvals.js';
import { credentialFingerprint } from './credential-fingerprint.js';
import { ApprovalArgumentsInvalidError } from './framework-errors.js';
import type { GrantStore } from './grant-store.js';
import { grantScopeOf } from './permission-policy.js';
import { paymentAmountOf } from './payment-amount.js';
import type { Provenance } from './provenance.js';
import type { AnyTool } from './tool.js';
import type { ToolRegistry } from './tool-registry.js';

export type ApprovalOutcome =
  | { outcome: 'approved' | 'modified'; args: Record<string, unknown>; decidedBy: string }
  | { outcome: 'rejected' | 'expired'; decidedBy: string };

export interface ApprovalRequest {
  tool: AnyTool;
  args: Record<string, unknown>;
  summary: string;
  conversationId: string | null;
  taskId: string | null;
  toolCallId: string | null;
  provenance: Provenance;
  /** What the call costs (fees), never the money a payment moves. */
  costEstimateUsd: number | null;
  /** For a payment: the card's amount, payee, purpose and budget left (from the runner's limit check). */
  payment?: Approval['payment'];
}

export interface RespondResult {
  applied: boolean;
  approval: ApprovalRecord;
  notice: string | null;
}

const MAX_TIMER_MS = 2_147_000_000;

/**
 * The only way an approval gets decided: the user's answer through the API (respond), the
 * timeout (expire → reject), or cancelling its task (reject). Requests are committed before the
 * approval.requested event, survive restarts, and a late answer changes nothing.
 */
export class ApprovalGate {
  readonly repo: ApprovalRepo;
  private readonly waiters = new WaiterSet<ApprovalOutcome>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly deps: {
      db: StewardDatabase;
      events: EventBus;
      clock: Clock;
      settings: SettingsStore;
      registry: ToolRegistry;
      grants: GrantStore;
      secrets: SecretStore;
      /** The core's two-factor service (Core.twoFactor): checks payment codes and texts SMS ones. */
      twoFactor: Pick<TwoFactorService, 'usesSms' | 'sendSmsCode' | 'verifyForPayment'>;
      /** Where a card closed because nothing waits on it anymore is recorded. */
      audit?: Pick<AuditLog, 'append'>;
    },
  ) {
    this.repo = new ApprovalRepo(deps.db.raw);
  }

  private get twoFactor() {
    return this.deps.twoFactor;
  }

  /**
   * Expires what ran out while Steward was not running, closes the cards no resuming task or
   * workflow run will wait on again (a call started from a screen or over MCP died with the
   * process), and arms the timer for the rest. Call once per process, before tasks resume.
   */
  start(): void {
    for (const approval of unclaimedPending(this.deps.db.raw, this.repo.pending())) this.closeStale(approval, RESTARTED_DECIDER);
    this.expireDue();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  request(input: ApprovalRequest): StoredApproval {
    const now = this.deps.clock.now();
    const timeoutSeconds = this.deps.settings.get().agent.approvalTimeoutSeconds;
    const approval: Approval = {
      id: randomUUID(),
      conversationId: input.conversationId,
      taskId: input.taskId,
      tool: input.tool.name,
      summary: input.summary,
      args: input.args,
      risk: input.tool.sideEffect,
      costEstimateUsd: input.costEstimateUsd,
      provenance: input.provenance,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + timeoutSeconds * 1000).toISOString(),
      twoFactorRequired: this.needsTwoFactor(input.tool.sideEffect, input.tool, input.args),
      payment: input.payment ?? null,
      cannotUndo: input.tool.cannotUndo ?? null,
    };
    this.deps.events.deferWhile(() =>
      this.deps.db.transaction(() => {
        this.repo.insert({ ...approval, toolCallId: input.toolCallId });
        this.deps.events.emit({ type: 'approval.requested', approval });
      }),
    );
    this.schedule();
    // With SMS chosen, the code is texted as the approval appears; a failure is said on the card's channel, the approval stays pending.
    if (approval.twoFactorRequired && this.twoFactor.usesSms()) {
      void this.twoFactor.sendSmsCode(approval.id, approval.tool).catch((err: unknown) =>
        this.deps.events.emit({ type: 'notification', level: 'error', title: 'Two-factor code not sent', body: err instanceof Error && 'userMessage' in err ? String((err as { userMessage: string }).userMessage) : 'The SMS with the code could not be sent.' }),
      );
    }
    return this.repo.get(approval.id);
  }

  /** Resolves with the decision; already-decided approvals resolve at once. Aborting stops waiting but leaves the approval pending. */
  wait(id: string, signal?: AbortSignal): Promise<ApprovalOutcome> {
    const existing = this.repo.get(id);
    if (existing.status !== 'pending') return Promise.resolve(outcomeOf(existing));
    if (this.isDue(existing)) {
      this.expireDue();
      return Promise.resolve(outcomeOf(this.repo.get(id)));
    }
    return this.waiters.wait(id, signal);
  }

  /**
   * The user's answer. Modified arguments must pass the tool's own schema (otherwise the approval
   * stays pending and the error says what to fix). An answer to a resolved or expired approval is
   * ignored, with a notice saying so. Approving a payment at or above the two-factor threshold
   * needs a valid authenticator code; without one (or with 2FA not set up) the approval stays
   * pending and the error says what to do. Rejecting never needs a code.
   */
  async respond(input: {
    id: string;
    decision: 'approve' | 'reject' | 'modify';
    args?: Record<string, unknown>;
    remember?: 'conversation' | 'always';
    code?: string;
    actor: string;
  }): Promise<RespondResult> {
    let approval = this.repo.get(input.id);
    if (approval.status === 'pending' && this.isDue(approval)) {
      this.expireDue();
      approval = this.repo.get(input.id);
    }
    // Nobody would run it: saying "approved" would be a lie, so the card is closed and the answer says why (a rejection stays a rejection).
    if (input.decision !== 'reject' && approval.status === 'pending' && this.waiters.count(approval.id) === 0 && !isClaimed(this.deps.db.raw, approval)) {
      this.closeStale(approval, ABANDONED_DECIDER);
      approval = this.repo.get(input.id);
    }
    if (approval.status !== 'pending') return { applied: false, approval: toPublic(approval), notice: lateNotice(approval) };

    const tool = this.deps.registry.find(approval.tool);
    let finalArgs: Record<string, unknown> | null = null;
    if (input.decision !== 'reject') {
      finalArgs = input.decision === 'modify' ? (input.args ?? {}) : approval.args;
      if (tool) {
        const parsed = tool.parameters.safeParse(finalArgs);
        if (!parsed.success) throw new ApprovalArgumentsInvalidError(approval.tool, zodIssues(parsed.error));
      }
      // Checked after the arguments (a typo in them must not burn a code). The flag stored at request
      // time holds, and the arguments that will run are checked again: a raised amount can need a code.
      if (approval.twoFactorRequired || this.needsTwoFactor(tool?.sideEffect ?? approval.risk, tool, finalArgs)) {
        await this.twoFactor.verifyForPayment(input.code, approval.id);
      }
    }

    let notice: string | null = null;
    let remember = input.decision === 'reject' ? null : (input.remember ?? null);
    if (remember && tool?.sideEffect === 'financial') {
      notice = 'Approved once. Payments always ask for approval, so this was not remembered.';
      remember = null;
    }
    if (remember && tool?.askEveryTime) {
      notice = 'Approved once. This action asks for approval every time, so this was not remembered.';
      remember = null;
    }
    if (remember === 'conversation' && !approval.conversationId) remember = null;
    const grant = remember && tool && finalArgs ? { scope: grantScopeOf(tool, tool.parameters.parse(finalArgs)), fingerprint: await credentialFingerprint(tool, this.deps.secrets) } : null;

    const status = input.decision === 'reject' ? 'rejected' : input.decision === 'modify' ? 'modified' : 'approved';
    const applied = this.deps.events.deferWhile(() =>
      this.deps.db.transaction(() => {
        const won = this.repo.resolve(approval.id, { status, finalArgs, decidedBy: input.actor, decidedAt: this.deps.clock.now().toISOString(), remember });
        if (!won) return false;
        if (grant && remember) {
          this.deps.grants.add({
            tool: approval.tool,
            scope: grant.scope,
            conversationId: remember === 'conversation' ? approval.conversationId : null,
            credentialFingerprint: grant.fingerprint,
            approvalId: approval.id,
          });
        }
        this.deps.events.emit({ type: 'approval.resolved', approvalId: approval.id, outcome: status, decidedBy: input.actor });
        return true;
      }),
    );
    const after = this.repo.get(approval.id);
    if (!applied) return { applied: false, approval: toPublic(after), notice: lateNotice(after) };
    this.notify(after);
    return { applied: true, approval: toPublic(after), notice };
  }

  /** Rejects every pending approval of a task (the task was cancelled). */
  cancelForTask(taskId: string, reason = 'system:cancelled'): number {
    let count = 0;
    for (const approval of this.repo.list({ status: 'pending', taskId, limit: 500 })) {
      if (this.resolveBySystem(approval.id, 'rejected', reason)) count += 1;
    }
    return count;
  }

  /**
   * Closes the cards still open for a task that has ended: nothing will ever run them, so each is
   * expired at once saying the task ended before it was decided, its tool call ends, an audit row
   * is written and approval.resolved tells every open screen (rather than waiting for the next
   * start-up's check). Call after the task's terminal status is committed.
   */
  closeForEndedTask(taskId: string): number {
    let count = 0;
    for (const approval of this.repo.list({ status: 'pending', taskId, limit: 500 })) {
      if (this.closeStale(approval, TASK_ENDED_DECIDER)) count += 1;
    }
    return count;
  }

  /** Expires every pending approval whose time is up (no answer means reject), then re-arms the timer. */
  expireDue(): number {
    if (this.closed) return 0;
    let count = 0;
    for (const approval of this.repo.pendingDue(this.deps.clock.now().toISOString())) {
      if (this.resolveBySystem(approval.id, 'expired', 'system:timeout')) count += 1;
    }
    this.schedule();
    return count;
  }

  /** A card nothing waits on: expired with the reason, its call ended, the audit row written, in one transaction. */
  private closeStale(approval: StoredApproval, decidedBy: string): boolean {
    const reason = staleReason(decidedBy);
    const at = this.deps.clock.now().toISOString();
    return this.resolveBySystem(approval.id, 'expired', decidedBy, () => {
      closeStaleCall(this.deps.db.raw, approval, reason, at);
      this.deps.audit?.append({ actor: decidedBy, action: `approval.expired:${approval.tool}`, args: approval.args, approver: decidedBy, result: 'rejected', detail: reason });
    });
  }

  private resolveBySystem(id: string, status: 'rejected' | 'expired', decidedBy: string, alongside?: () => void): boolean {
    const won = this.deps.events.deferWhile(() =>
      this.deps.db.transaction(() => {
        const ok = this.repo.resolve(id, { status, finalArgs: null, decidedBy, decidedAt: this.deps.clock.now().toISOString(), remember: null });
        if (ok) alongside?.();
        if (ok) this.deps.events.emit({ type: 'approval.resolved', approvalId: id, outcome: status, decidedBy });
        return ok;
      }),
    );
    if (won) this.notify(this.repo.get(id));
    return won;
  }

  private notify(approval: StoredApproval): void {
    this.waiters.settle(approval.id, outcomeOf(approval));
  }

  /** An unknown tool or an amount that cannot be estimated counts as over the threshold (fail closed). */
  private needsTwoFactor(risk: Approval['risk'], tool: AnyTool | null, args: Record<string, unknown>): boolean {
    return paymentNeedsTwoFactor(risk, paymentAmountUsd(tool, args), this.deps.settings.get().approvals.twoFactorThresholdUsd);
  }

  private isDue(approval: StoredApproval): boolean {
    return approval.expiresAt <= this.deps.clock.now().toISOString();
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.repo.pending()[0];
    if (!next) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(next.expiresAt) - this.deps.clock.now().getTime()) + 50);
    this.timer = setTimeout(() => this.expireDue(), delay);
    // A pending approval must not keep a CLI process alive on its own.
    this.timer.unref();
  }
}

/** The money the payment moves (the tool's amountUsd, not its cost); null when it cannot say, which needs the code (fail closed). */
function paymentAmountUsd(tool: AnyTool | null, args: Record<string, unknown>): number | null {
  if (!tool) return null;
  const amount = paymentAmountOf(tool, args);
  return amount.ok ? amount.amountUsd : null;
}

function outcomeOf(approval: StoredApproval): ApprovalOutcome {
  const decidedBy = approval.decidedBy ?? 'unknown';
  switch (approval.status) {
    case 'approved':
      return { outcome: 'approved', args: approval.finalArgs ?? approval.args, decidedBy };
    case 'modified':
      return { outcome: 'modified', args: approval.finalArgs ?? approval.args, decidedBy };
    case 'expired':
      return { outcome: 'expired', decidedBy };
    default:
      return { outcome: 'rejected', decidedBy };
  }
}

function lateNotice(approval: StoredApproval): string {
  const when = approval.decidedAt ? ` at ${approval.decidedAt}` : '';
  if (approval.status === 'expired' && approval.decidedBy !== null && STALE_DECIDERS.includes(approval.decidedBy)) {
    return `This approval for "${approval.tool}" expired: ${staleCause(approval.decidedBy)}, so nothing ran and your answer changed nothing. Ask Steward again (or start it again where you started it) if you still want it.`;
  }
  if (approval.status === 'expired') return `This approval for "${approval.tool}" had already expired${when}, so your answer was ignored and nothing ran. Ask Steward again if you still want it.`;
  const verb = approval.status === 'rejected' ? 'rejected' : approval.status === 'modified' ? 'approved with changes' : 'approved';
  return `This approval for "${approval.tool}" was already ${verb}${when}; your answer was ignored and nothing changed.`;
}

export function toPublic(approval: StoredApproval): ApprovalRecord {
  const { toolCallId: _toolCallId, remember: _remember, ...rest } = approval;
  return rest;
}
