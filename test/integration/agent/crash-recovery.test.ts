import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { defineTool, type AnyTool } from '../../../src-main/core/tools/tool.js';
import { CHILD_START_LIMIT_MS, killChildAtMarker } from '../../helpers/kill-at-marker.js';
import { tempDir } from '../../helpers/test-core.js';
import { createHarness, is, type Harness } from './support/agent-harness.js';
import { CRASH_SECRETS, crashPlanRules } from './support/crash-scenario.js';
import { standardTestTools, type ToolWorld } from './support/test-tools.js';

/** A resumed task runs its remaining model calls and tool on a machine that may be busy: wait for its end generously. */
const RESUMED_TASK_WAIT_MS = 30_000;

const CHILD = path.resolve('test/integration/agent/support/crash-child.ts');
vi.setConfig({ testTimeout: CHILD_START_LIMIT_MS + 60_000 });

let h: Harness | null = null;
let dataDir: string | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

/** Runs the child until it reaches the kill point, then SIGKILLs it: no shutdown code runs. */
async function crashChild(scenario: string): Promise<{ dataDir: string; key: string }> {
  const dir = tempDir('steward-crash-');
  const key = randomBytes(32).toString('hex');
  const marker = path.join(dir, 'marker');
  await killChildAtMarker(CHILD, marker, { STEWARD_TEST_DATA_DIR: dir, STEWARD_TEST_DB_KEY: key, STEWARD_TEST_MARKER: marker, STEWARD_TEST_SCENARIO: scenario });
  return { dataDir: dir, key };
}

function ledgerTool(world: ToolWorld, idempotent: boolean): AnyTool {
  return defineTool({
    name: 'sync_ledger',
    description: 'Sync the ledger with the bank.',
    parameters: z.object({ month: z.string() }).strict(),
    sideEffect: 'local',
    defaultPermission: 'always',
    idempotent,
    async execute(params) {
      world.executions.push(`sync_ledger:${params.month}`);
      return { output: { synced: true }, summary: `Synced ${params.month}` };
    },
  }) as AnyTool;
}

async function reopen(crashed: { dataDir: string; key: string }, scenario: string, idempotent: boolean): Promise<Harness> {
  dataDir = crashed.dataDir;
  return createHarness({
    dataDir: crashed.dataDir,
    secrets: createMemorySecretStore({ 'db-key:default': crashed.key }),
    secretValues: CRASH_SECRETS,
    tools: (world) => [...standardTestTools(world), ledgerTool(world, idempotent)],
    script: { rules: crashPlanRules(scenario, 'parent') },
  });
}

function crashedTask(h: Harness) {
  return h.core.db.raw.prepare("SELECT id, status FROM tasks WHERE title = 'Close March'").get() as { id: string; status: string };
}

describe('crash recovery (the process is killed mid-task)', () => {
  it('a step whose idempotent tool was running is retried, and the task finishes', async () => {
    const crashed = await crashChild('idempotent');
    h = await reopen(crashed, 'idempotent', true);
    const { id } = crashedTask(h);
    const task = await h.waitForTask(id, ['succeeded', 'failed', 'interrupted']);
    expect(task.status).toBe('succeeded');
    // Step 1 finished before the kill and is not redone; step 2's call is repeated once.
    expect(h.world.executions).toEqual(['sync_ledger:2026-03']);
    const texts = h.messages(task.conversationId!).map((m) => m.text);
    expect(texts).toContain('Steward restarted while “Close March” was in progress; picking it up again.');
    expect(texts.some((t) => t.startsWith('Finished: Close March'))).toBe(true);
  }, 60_000);

  it('a step whose non-idempotent tool was running is marked interrupted and shown, never repeated', async () => {
    const crashed = await crashChild('not-idempotent');
    h = await reopen(crashed, 'not-idempotent', false);
    const { id } = crashedTask(h);
    const task = await h.waitForTask(id, ['succeeded', 'failed', 'interrupted']);
    expect(task.status).toBe('interrupted');
    expect(task.summary).toContain('may or may not have happened');
    expect(h.world.executions).toEqual([]);
    const call = h.core.db.raw.prepare("SELECT status FROM tool_calls WHERE tool = 'sync_ledger'").get();
    expect(call).toEqual({ status: 'interrupted' });
    expect(h.messages(task.conversationId!).at(-1)!.text).toContain('“Close March” was interrupted');
    expect(h.notifications.at(-1)).toMatchObject({ title: 'Interrupted: Close March', level: 'warning' });
    expect(h.core.audit.list()[0]).toMatchObject({ action: 'tool:sync_ledger', result: 'error', detail: expect.stringContaining('interrupted') });
    // Completed earlier work is left alone: interrupted is not failed.
    expect(existsSync(path.join(h.core.paths.workspaceDir, 'tasks', id, 'closing.txt'))).toBe(true);
  }, 60_000);

  it('a pending approval survives the crash and the task resumes when it is approved', async () => {
    const crashed = await crashChild('approval');
    h = await reopen(crashed, 'approval', true);
    const { id } = crashedTask(h);
    expect((await h.waitForTask(id, ['waiting_approval'])).status).toBe('waiting_approval');
    const [approval] = h.agent.listApprovals({ status: 'pending' });
    expect(approval).toMatchObject({ tool: 'send_message', taskId: id, args: { to: 'accountant@example.com' } });
    await h.agent.respondApproval({ id: approval!.id, decision: 'approve' }, 'ui');
    expect((await h.waitForTask(id, ['succeeded', 'failed'], RESUMED_TASK_WAIT_MS)).status).toBe('succeeded');
    expect(h.world.sent).toEqual([{ to: 'accountant@example.com', body: 'March is closed' }]);
  }, 60_000);

  it('a pending question survives the crash and the user’s next message answers it', async () => {
    const crashed = await crashChild('clarification');
    h = await reopen(crashed, 'clarification', true);
    const { id } = crashedTask(h);
    await h.waitForTask(id, ['waiting_clarification']);
    const [question] = h.agent.listClarifications({ status: 'pending' });
    expect(question).toMatchObject({ question: 'Which bank account should I reconcile?', taskId: id });
    const since = h.mark();
    await h.send('the business current account', question!.conversationId);
    expect((await h.waitForTask(id, ['succeeded', 'failed'], RESUMED_TASK_WAIT_MS)).status).toBe('succeeded');
    expect(h.events.slice(since).some(is('clarification.requested'))).toBe(false);
    const employeeCall = h.provider.requests.filter((r) => r.role === 'employee').at(-1)!;
    expect(employeeCall.messages.at(-1)!.content).toBe('The user answered: the business current account');
  }, 60_000);
});
