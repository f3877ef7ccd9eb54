/**
 * A real core (encrypted SQLite on disk) with the real agent's ToolRunner and approval gate, the
 * workflow tools above, and the workflow engine installed as the app installs it.
 */
import path from 'node:path';
import { createAgent } from '../../../../src-main/core/agent/create-agent.js';
import { createCore } from '../../../../src-main/core/app.js';
import type { Core } from '../../../../src-main/core/core-types.js';
import { ScriptedProvider } from '../../../../src-main/core/llm/scripted-provider.js';
import type { NotificationRequest, SecretStore } from '../../../../src-main/core/ports.js';
import { installWorkflows, type Workflows } from '../../../../src-main/core/workflows/index.js';
import { workflowTestTools } from './workflow-tools.js';

export interface WorkflowWorld {
  core: Core;
  workflows: Workflows;
  agent: ReturnType<typeof createAgent>;
  notifications: NotificationRequest[];
  journal: string;
  close(): Promise<void>;
}

export async function openWorkflowWorld(options: { dataDir: string; secrets: SecretStore; marker?: string; flakyFailures?: number; resume?: boolean; provider?: ScriptedProvider }): Promise<WorkflowWorld> {
  const notifications: NotificationRequest[] = [];
  const core = await createCore({ profile: 'default', host: 'test', version: '0.0.0-test', dataDir: options.dataDir, installAgent: false }, { secrets: options.secrets, notifier: { notify: (n) => notifications.push(n) } });
  const journal = path.join(options.dataDir, 'journal.txt');
  const agent = createAgent({ core, provider: options.provider ?? new ScriptedProvider({}), tools: workflowTestTools(journal, { marker: options.marker, flakyFailures: options.flakyFailures }) });
  core.conversations.setHandler(agent);
  core.people.owner();
  const workflows = installWorkflows(core, agent.deps, { resume: options.resume });
  return {
    core,
    workflows,
    agent,
    notifications,
    journal,
    async close() {
      await workflows.engine.close();
      await agent.close();
      await core.close();
    },
  };
}
