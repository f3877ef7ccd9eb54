/**
 * Child process for the crash-recovery tests: opens a real core on the given data directory,
 * starts a task, and writes a marker file when it reaches the point the parent will kill it at
 * (inside a blocking tool call, or waiting for an approval or an answer). The parent then sends
 * SIGKILL — no shutdown code runs — and reopens the same database itself.
 *
 * Env: STEWARD_TEST_DATA_DIR, STEWARD_TEST_DB_KEY (hex), STEWARD_TEST_MARKER, STEWARD_TEST_SCENARIO
 * ('idempotent' | 'not-idempotent' | 'approval' | 'clarification').
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { createAgent } from '../../../../src-main/core/agent/create-agent.js';
import { createCore } from '../../../../src-main/core/app.js';
import { ScriptedProvider, type ScriptRule } from '../../../../src-main/core/llm/scripted-provider.js';
import { createMemorySecretStore } from '../../../../src-main/core/security/memory-secret-store.js';
import { defineTool, type AnyTool } from '../../../../src-main/core/tools/tool.js';
import { ensureAgentMigrationRegistered } from './agent-migration.js';
import { intentResponse } from './agent-harness.js';
import { crashPlanRules, CRASH_SECRETS } from './crash-scenario.js';
import { createToolWorld, standardTestTools } from './test-tools.js';

const dataDir = process.env.STEWARD_TEST_DATA_DIR!;
const marker = process.env.STEWARD_TEST_MARKER!;
const scenario = process.env.STEWARD_TEST_SCENARIO as 'idempotent' | 'not-idempotent' | 'approval' | 'clarification';

function blockingLedgerTool(idempotent: boolean): AnyTool {
  return defineTool({
    name: 'sync_ledger',
    description: 'Sync the ledger with the bank.',
    parameters: z.object({ month: z.string() }).strict(),
    sideEffect: 'local',
    defaultPermission: 'always',
    idempotent,
    resultOrigin: () => null,
    async execute() {
      writeFileSync(marker, 'in-tool');
      return new Promise(() => undefined);
    },
  }) as AnyTool;
}

async function main(): Promise<void> {
  ensureAgentMigrationRegistered();
  const secrets = createMemorySecretStore({ 'db-key:default': process.env.STEWARD_TEST_DB_KEY!, ...CRASH_SECRETS });
  const core = await createCore({ profile: 'default', host: 'test', version: '0.0.0-test', dataDir, installAgent: false }, { secrets });
  const world = createToolWorld();
  const tools = [...standardTestTools(world), blockingLedgerTool(scenario === 'idempotent')];
  const rules: ScriptRule[] = [{ match: { role: 'intent' }, response: intentResponse('complex_task') }, ...crashPlanRules(scenario, 'child')];
  const agent = createAgent({ core, provider: new ScriptedProvider({ rules }), tools });
  core.conversations.setHandler(agent);
  core.events.subscribe((event) => {
    if (event.type === 'approval.requested' && scenario === 'approval') writeFileSync(marker, 'approval');
    if (event.type === 'clarification.requested' && scenario === 'clarification') writeFileSync(marker, 'clarification');
  });
  core.conversations.send({ text: 'close the books for March' });
  // Stay alive until killed: the parent decides when this process dies.
  setInterval(() => undefined, 1000);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
