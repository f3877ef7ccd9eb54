/**
 * Child process for the stale-approval crash test: opens a real core and agent on the given data
 * directory and leaves three approval cards open — one for a call started from a screen (the
 * agent's ToolStarter, as the refund button does), one for a call from an MCP client (the runner
 * input Steward's MCP server sends: an mcp:<uuid> key, approval required, untrusted), and one for a
 * chat task's step. When all three are on the cards it writes their ids to the marker file and
 * waits to be SIGKILLed, so no shutdown code runs.
 *
 * Env: STEWARD_TEST_DATA_DIR, STEWARD_TEST_DB_KEY (hex), STEWARD_TEST_MARKER.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAgent } from '../../../../src-main/core/agent/create-agent.js';
import { createCore } from '../../../../src-main/core/app.js';
import { ScriptedProvider, type ScriptRule } from '../../../../src-main/core/llm/scripted-provider.js';
import { createMemorySecretStore } from '../../../../src-main/core/security/memory-secret-store.js';
import { ensureAgentMigrationRegistered } from '../../agent/support/agent-migration.js';
import { intentResponse } from '../../agent/support/agent-harness.js';
import { crashPlanRules, CRASH_SECRETS } from '../../agent/support/crash-scenario.js';
import { createToolWorld, standardTestTools } from '../../agent/support/test-tools.js';

const dataDir = process.env.STEWARD_TEST_DATA_DIR!;
const marker = process.env.STEWARD_TEST_MARKER!;

async function main(): Promise<void> {
  ensureAgentMigrationRegistered();
  const secrets = createMemorySecretStore({ 'db-key:default': process.env.STEWARD_TEST_DB_KEY!, ...CRASH_SECRETS });
  const core = await createCore({ profile: 'default', host: 'test', version: '0.0.0-test', dataDir, installAgent: false }, { secrets });
  const rules: ScriptRule[] = [{ match: { role: 'intent' }, response: intentResponse('complex_task') }, ...crashPlanRules('approval', 'child')];
  const agent = createAgent({ core, provider: new ScriptedProvider({ rules }), tools: standardTestTools(createToolWorld()) });
  core.conversations.setHandler(agent);

  const cards: Record<string, string> = {};
  const done = () => {
    if (Object.keys(cards).length === 3) writeFileSync(marker, JSON.stringify(cards));
  };
  core.events.subscribe((event) => {
    if (event.type === 'approval.requested' && event.approval.taskId) {
      cards.chat = event.approval.id;
      done();
    }
  });

  const ui = await core.assistant()!.toolStarter.start({ tool: 'send_message', args: { to: 'screen@example.com', body: 'from the screen' }, actor: 'ui' });
  cards.ui = ui.approvalId!;
  void core.assistant()!.tools.runner.run({
    callKey: `mcp:${randomUUID()}`,
    tool: 'send_message',
    args: { to: 'mcp@example.com', body: 'from another program' },
    taskId: null,
    conversationId: null,
    provenance: { source: 'untrusted', detail: 'requested by MCP client test-client' },
    actor: 'mcp-client:test-client',
    workspaceDir: path.join(core.paths.profileDir, 'mcp-workspace'),
    signal: new AbortController().signal,
    requireApproval: true,
    onWaiting: (id) => {
      cards.mcp = id;
      done();
    },
  });
  core.conversations.send({ text: 'close the books for March' });
  // Stay alive until killed: the parent decides when this process dies.
  setInterval(() => undefined, 1000);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
