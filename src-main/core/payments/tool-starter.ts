/**
 * Lets a screen start a tool call through the same runner (permissions, limits, approval, 2FA,
 * audit) the assistant's proposals take — the Payments view's refund button. createAgent builds
 * one over its runner; without a running agent there is none, and the request says so.
 */
import { randomUUID } from 'node:crypto';
import type { EventBus } from '../events.js';
import { StewardError } from '../errors.js';
import { USER_PROVENANCE } from '../tools/provenance.js';
import type { ToolCallOutcome, ToolRunner } from '../tools/tool-runner.js';

export class ToolStarterUnavailableError extends StewardError {
  constructor() {
    super('conflict', 'The assistant is not running, so no approval can be asked for. Install a model (Models › Catalog) and restart Steward.');
  }
}

export class ToolStarter {
  constructor(
    private readonly deps: {
      runner: Pick<ToolRunner, 'run'>;
      events: Pick<EventBus, 'emit'>;
      /** Where tools started from a screen keep their files (profile/workspaces/ui). */
      workspaceDir: string;
    },
  ) {}

  /**
   * Starts `tool` with `args` on the user's behalf and resolves once it waits for approval (with the
   * approval id), or once it settled without one (refused by a limit, invalid). The call carries on
   * in the background; its outcome lands in the audit log, the ledger and a notification.
   */
  start(input: { tool: string; args: Record<string, unknown>; actor: string }): Promise<{ approvalId: string | null; outcome: ToolCallOutcome | null }> {
    const { runner, events, workspaceDir } = this.deps;
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
          workspaceDir,
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
          events.emit({ type: 'notification', level: outcome.status === 'succeeded' ? 'success' : 'warning', title: outcome.status === 'succeeded' ? 'Done' : 'Not done', body: text });
        })
        .catch((err: unknown) => {
          if (settled) return;
          settled = true;
          reject(err);
        });
    });
  }
}
