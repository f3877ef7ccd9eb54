/**
 * Lets a screen start a tool call through the same runner (permissions, limits, approval, 2FA,
 * audit) the assistant's proposals take — the Payments view's refund button. The agent registers
 * its runner per core; without a running agent there is nothing to start.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Core } from '../core-types.js';
import { StewardError } from '../errors.js';
import { USER_PROVENANCE } from '../tools/provenance.js';
import type { ToolCallOutcome, ToolRunner } from '../tools/tool-runner.js';

const runners = new WeakMap<Core, ToolRunner>();

export function registerToolRunner(core: Core, runner: ToolRunner): () => void {
  runners.set(core, runner);
  return () => {
    if (runners.get(core) === runner) runners.delete(core);
  };
}

export class ToolStarterUnavailableError extends StewardError {
  constructor() {
    super('conflict', 'The assistant is not running, so no approval can be asked for. Install a model (Models › Catalog) and restart Steward.');
  }
}

/**
 * Starts `tool` with `args` on the user's behalf and resolves once it waits for approval (with the
 * approval id), or once it settled without one (refused by a limit, invalid). The call carries on
 * in the background; its outcome lands in the audit log, the ledger and a notification.
 */
export function startToolCall(core: Core, input: { tool: string; args: Record<string, unknown>; actor: string }): Promise<{ approvalId: string | null; outcome: ToolCallOutcome | null }> {
  const runner = runners.get(core);
  if (!runner) return Promise.reject(new ToolStarterUnavailableError());
  const controller = new AbortController();
  return new Promise((resolve, reject) => {
    let settled = false;
    runner
      .run({
        callKey: `ui.${randomUUID()}`,
        tool: input.tool,
        args: input.args,
        taskId: null,
        conversationId: null,
        provenance: USER_PROVENANCE,
        actor: input.actor,
        workspaceDir: path.join(core.paths.profileDir, 'workspaces', 'ui'),
        signal: controller.signal,
        onWaiting: (approvalId) => {
          if (settled) return;
          settled = true;
          resolve({ approvalId, outcome: null });
        },
      })
      .then((outcome) => {
        if (!settled) {
          settled = true;
          resolve({ approvalId: null, outcome });
          return;
        }
        const text = outcome.status === 'succeeded' ? outcome.result.summary : 'error' in outcome ? outcome.error.userMessage : `${input.tool} stopped.`;
        core.events.emit({ type: 'notification', level: outcome.status === 'succeeded' ? 'success' : 'warning', title: outcome.status === 'succeeded' ? 'Done' : 'Not done', body: text });
      })
      .catch((err: unknown) => {
        if (settled) return;
        settled = true;
        reject(err);
      });
  });
}
