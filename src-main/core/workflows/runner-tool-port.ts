/**
 * The workflow engine's tool port over the app's ToolRunner: a workflow step is an ordinary tool
 * call (permissions for the acting person, approval gate, budgets, payment limits, audit), made in
 * the run's own folder of the workspace so its files (the offer letter) are found by later steps.
 */
import path from 'node:path';
import type { ToolRunner } from '../tools/tool-runner.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { toolTitle } from '../tools/tool-title.js';
import type { WorkflowToolPort } from './workflow-ports.js';

export function runnerToolPort(registry: Pick<ToolRegistry, 'find'>, runner: Pick<ToolRunner, 'run'>, workspaceDir: string): WorkflowToolPort {
  return {
    describe(name) {
      const tool = registry.find(name);
      return tool ? { title: toolTitle(tool), sideEffect: tool.sideEffect, idempotent: tool.idempotent } : null;
    },
    async call(input) {
      const runId = input.callKey.split(':')[1] ?? 'run';
      const outcome = await runner.run({
        callKey: input.callKey,
        // workflow:<run>:<step>:<attempt> names one call: after a restart the same attempt finds its approval card again.
        keyIsUnique: true,
        tool: input.tool,
        args: input.args,
        taskId: null,
        conversationId: null,
        provenance: input.provenance,
        actor: input.actor,
        person: input.person ?? undefined,
        workspaceDir: path.join(workspaceDir, 'workflows', runId),
        signal: input.signal,
        summary: input.summary,
      });
      if (outcome.status === 'succeeded') return { ok: true, output: outcome.result.output, summary: outcome.result.summary };
      if (outcome.status === 'interrupted') return { ok: false, message: outcome.call.error ?? 'the call was interrupted', retryable: false };
      // Refusals (approval rejected, not allowed, not connected, bad arguments) are not retried: they would only be refused again.
      return { ok: false, message: outcome.error.userMessage, retryable: outcome.status === 'failed' && outcome.error.code !== 'invalid_input' && outcome.error.code !== 'unauthorized' };
    },
  };
}
