/**
 * Typed errors of the tool framework (registry, policy, approvals, budgets, execution). Each one
 * names what happened and what the user can do; tool internals stay in `detail`/`cause`.
 */
import { logInternalError, StewardError, type FieldIssue } from '../errors.js';

export class UnknownToolError extends StewardError {
  constructor(name: string) {
    super('not_found', `No tool named "${name}" is installed. Type /tools to see the tools Steward has.`);
  }
}

export class ToolNotConfiguredError extends StewardError {
  constructor(name: string, reason: string) {
    super('invalid_input', `The tool "${name}" is not set up yet: ${reason}`);
  }
}

/** The user's permission setting forbids the tool (deny wins over any grant). */
export class ToolDeniedError extends StewardError {
  constructor(name: string) {
    super('unauthorized', `"${name}" is set to "never" in Settings › Tool permissions, so Steward did not run it. Change its permission there if you want to allow it.`);
  }
}

/** Financial tools can never be set to run without asking (DESIGN §4.1). */
export class FinancialAutoApproveError extends StewardError {
  constructor(name: string) {
    super('invalid_input', `"${name}" moves money, so it always asks for your approval; it cannot be set to "always". Nothing was changed.`);
  }
}

export class AskEveryTimeError extends StewardError {
  constructor(name: string) {
    super('invalid_input', `"${name}" asks for your approval every time, because each call makes a different change that cannot be undone; it cannot be set to "always". Nothing was changed.`);
  }
}

export class ToolArgumentsInvalidError extends StewardError {
  constructor(name: string, issues: readonly FieldIssue[]) {
    const summary = issues.map((i) => `${i.path || '(arguments)'}: ${i.message}`).join('; ');
    super('invalid_input', `The arguments for "${name}" are not valid — ${summary}. The tool did not run.`, { issues });
  }
}

export class BudgetExceededError extends StewardError {
  readonly scope: 'task' | 'daily';

  constructor(scope: 'task' | 'daily', limitUsd: number, spentUsd: number, estimateUsd: number) {
    const which = scope === 'task' ? 'per-task budget' : 'daily budget';
    super(
      'conflict',
      `This would go over your ${which} of $${limitUsd.toFixed(2)} ($${spentUsd.toFixed(2)} spent, this call estimated at $${estimateUsd.toFixed(2)}), so it did not run. Raise the limit in Settings › Budgets to continue.`,
    );
    this.scope = scope;
  }
}

export class ToolTimeoutError extends StewardError {
  constructor(name: string, timeoutMs: number) {
    const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} seconds`;
    super('timeout', `The tool "${name}" did not finish within ${limit} and was stopped. Try again; if it keeps happening, check the service it talks to.`);
  }
}

/** A tool's execute threw: the tool's own user message when it has one. */
export class ToolFailedError extends StewardError {
  constructor(name: string, cause: unknown) {
    const logged = cause instanceof StewardError ? null : logInternalError(`tool ${name} failed`, cause);
    const inner = cause instanceof StewardError ? cause.userMessage : `it reported an internal error${logged ? ` (details are in the log: ${logged})` : ''}`;
    super('internal', `The tool "${name}" failed: ${inner}`, { cause, detail: cause instanceof Error ? cause.message : String(cause) });
  }
}

export class ApprovalRejectedError extends StewardError {
  readonly outcome: 'rejected' | 'expired';

  constructor(tool: string, outcome: 'rejected' | 'expired') {
    super(
      'cancelled',
      outcome === 'expired'
        ? `Nobody approved "${tool}" before the approval timed out, so it did not run. Ask again when you are ready to approve it.`
        : `You rejected "${tool}", so it did not run.`,
    );
    this.outcome = outcome;
  }
}

export class ApprovalArgumentsInvalidError extends StewardError {
  constructor(tool: string, issues: readonly FieldIssue[]) {
    const summary = issues.map((i) => `${i.path || '(arguments)'}: ${i.message}`).join('; ');
    super('invalid_input', `The modified arguments for "${tool}" are not valid — ${summary}. The approval is still waiting; fix them and try again.`, { issues });
  }
}
