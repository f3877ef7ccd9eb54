import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { CHILD_START_LIMIT_MS, killChildAtMarker } from '../../helpers/kill-at-marker.js';
import { tempDir } from '../../helpers/test-core.js';
import { createHarness, type Harness } from '../agent/support/agent-harness.js';
import { CRASH_SECRETS, crashPlanRules } from '../agent/support/crash-scenario.js';

const CHILD = path.resolve('test/integration/tools/support/stale-approval-child.ts');
vi.setConfig({ testTimeout: 60_000, hookTimeout: CHILD_START_LIMIT_MS + 60_000 });

/** The ids of the three cards the child left open when it was killed: a screen's call, an MCP client's, a chat task's. */
let cards: { ui: string; mcp: string; chat: string };
let h: Harness;
let dataDir: string;

// One kill for the file: the child leaves three cards open, then the same database is reopened here.
beforeAll(async () => {
  dataDir = tempDir('steward-stale-');
  const key = randomBytes(32).toString('hex');
  const marker = path.join(dataDir, 'marker');
  await killChildAtMarker(CHILD, marker, { STEWARD_TEST_DATA_DIR: dataDir, STEWARD_TEST_DB_KEY: key, STEWARD_TEST_MARKER: marker });
  cards = JSON.parse(readFileSync(marker, 'utf8')) as typeof cards;
  h = await createHarness({
    dataDir,
    keepData: true,
    secrets: createMemorySecretStore({ 'db-key:default': key }),
    secretValues: CRASH_SECRETS,
    script: { rules: crashPlanRules('approval', 'parent') },
  });
});

afterAll(async () => {
  await h?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function callOf(approvalId: string) {
  return h.core.db.raw.prepare('SELECT status, error FROM tool_calls WHERE approval_id = ?').get(approvalId) as { status: string; error: string | null };
}

describe('approval cards left open by a crash (kill -9)', () => {
  it('closes the cards of calls from a screen and from an MCP client as expired because Steward restarted, and the audit log says so', () => {
    for (const id of [cards.ui, cards.mcp]) {
      const [card] = h.agent.listApprovals({ status: 'all' }).filter((a) => a.id === id);
      expect(card).toMatchObject({ status: 'expired', decidedBy: 'system:restart' });
      expect(callOf(id)).toEqual({ status: 'rejected', error: expect.stringContaining('Steward restarted before you answered') });
    }
    const rows = h.core.audit.list().filter((row) => row.action === 'approval.expired:send_message');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actor: 'system:restart', result: 'rejected', detail: expect.stringContaining('nothing ran') });
  });

  it('keeps the chat task’s card: the resumed task waits on that same card, so there is one card for its call', async () => {
    const pending = h.agent.listApprovals({ status: 'pending' });
    expect(pending.map((a) => a.id)).toEqual([cards.chat]);
    const task = await h.waitForTask(pending[0]!.taskId!, ['waiting_approval']);
    expect(task.status).toBe('waiting_approval');
    // Resuming did not ask a second time.
    expect(h.core.db.raw.prepare("SELECT count(*) AS n FROM approvals WHERE task_id IS NOT NULL").get()).toEqual({ n: 1 });
  });

  it('approving a card closed by the restart runs nothing and says what happened and what to do', async () => {
    const result = await h.core.request('approvals.respond', { id: cards.ui, decision: 'approve' });
    expect(result.applied).toBe(false);
    expect(result.approval.status).toBe('expired');
    expect(result.notice).toContain('Steward restarted before you answered, so nothing ran');
    expect(result.notice).toContain('Ask Steward again');
    expect(result.notice).not.toMatch(/\bapproved\b/);
    expect(h.world.executions).toEqual([]);
    expect(callOf(cards.ui).status).toBe('rejected');
  });

  it('a card whose caller stopped waiting while Steward ran is closed when answered, never "approved"', async () => {
    const controller = new AbortController();
    let approvalId = '';
    const call = h.core.assistant()!.tools.runner.run({
      callKey: 'mcp:gone-client',
      tool: 'send_message',
      args: { to: 'gone@example.com', body: 'hello' },
      taskId: null,
      conversationId: null,
      provenance: { source: 'untrusted', detail: 'requested by MCP client gone-client' },
      actor: 'mcp-client:gone-client',
      workspaceDir: path.join(h.core.paths.profileDir, 'mcp-workspace'),
      signal: controller.signal,
      requireApproval: true,
      onWaiting: (id) => {
        approvalId = id;
      },
    });
    await expect.poll(() => approvalId).not.toBe('');
    controller.abort(new Error('client went away'));
    await expect(call).rejects.toThrow();
    const result = await h.core.request('approvals.respond', { id: approvalId, decision: 'approve' });
    expect(result).toMatchObject({ applied: false, approval: { status: 'expired', decidedBy: 'system:abandoned' } });
    expect(result.notice).toContain('stopped waiting before you answered, so nothing ran');
    expect(callOf(approvalId).status).toBe('rejected');
    expect(h.world.sent.some((m) => m.to === 'gone@example.com')).toBe(false);
  });

  it('approving the chat task’s card runs its call once and the task finishes', async () => {
    const result = await h.core.request('approvals.respond', { id: cards.chat, decision: 'approve' });
    expect(result.applied).toBe(true);
    const taskId = result.approval.taskId!;
    expect((await h.waitForTask(taskId, ['succeeded', 'failed'])).status).toBe('succeeded');
    expect(h.world.sent).toEqual([{ to: 'accountant@example.com', body: 'March is closed' }]);
    // A second answer changes nothing.
    const again = await h.core.request('approvals.respond', { id: cards.chat, decision: 'approve' });
    expect(again.applied).toBe(false);
    expect(h.world.sent).toHaveLength(1);
  });
});
