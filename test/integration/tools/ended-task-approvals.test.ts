/**
 * An approval card whose task has ended is closed the moment the task ends, not at the next
 * start-up: the card says the task ended before it was decided, its tool call ends, the audit log
 * has a row, approval.resolved tells open screens, and approving it afterwards runs nothing.
 *
 * The task here ends the way a real one can while its card is open: Steward stopped while the
 * task waited for the answer, and on the next start its saved state could not be read, so the
 * resumed task failed at once (start-up's stale-card check had kept the card: the task was not
 * over yet).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../../../src-preload/contract.js';
import { tempDir } from '../../helpers/test-core.js';
import { createHarness, intentResponse, is, type Harness } from '../agent/support/agent-harness.js';
import type { Script } from '../../../src-main/core/llm/scripted-provider.js';

const script: Script = {
  rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: 'ann@example.com', body: 'Hello' } }) }],
};

let h: Harness;
let dataDir: string;
let card: Approval;

beforeAll(async () => {
  dataDir = tempDir('steward-ended-task-');
  const first = await createHarness({ dataDir, keepData: true, script });
  const since = first.mark();
  await first.send('send the hello message');
  card = (await first.waitFor(is('approval.requested'), { since })).approval;
  await first.waitForTask(card.taskId!, ['waiting_approval']);
  // Its saved state is damaged while Steward is stopped (a disk error, a hand-edited file).
  first.core.db.raw.prepare('UPDATE tasks SET state_json = ? WHERE id = ?').run('{"kind":', card.taskId);
  await first.dispose();
  h = await createHarness({ dataDir, keepData: true, secrets: first.secrets, script });
}, 60_000);

afterAll(async () => {
  await h?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the approval card of a task that ended', () => {
  it('is closed when the task ends, saying why, with its call ended, an audit row and an event for open screens', async () => {
    const task = await h.waitForTask(card.taskId!, ['failed']);
    expect(task.summary).toMatch(/could not be read/);
    const [closed] = h.agent.listApprovals({ status: 'all' }).filter((a) => a.id === card.id);
    expect(closed).toMatchObject({ status: 'expired', decidedBy: 'system:task-ended' });
    expect(h.agent.listApprovals({ status: 'pending' })).toEqual([]);
    const call = h.core.db.raw.prepare('SELECT status, error FROM tool_calls WHERE approval_id = ?').get(card.id) as { status: string; error: string };
    expect(call).toEqual({ status: 'rejected', error: 'Expired: the task ended before this was decided, so nothing ran. Ask again if you still want it.' });
    const rows = h.core.audit.list().filter((row) => row.action === 'approval.expired:send_message');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'system:task-ended', result: 'rejected', detail: expect.stringContaining('the task ended before this was decided') });
    expect(await h.waitFor((e) => e.type === 'approval.resolved' && e.approvalId === card.id)).toMatchObject({ outcome: 'expired', decidedBy: 'system:task-ended' });
  });

  it('approving it afterwards runs nothing and says why', async () => {
    const result = await h.core.request('approvals.respond', { id: card.id, decision: 'approve' });
    expect(result.applied).toBe(false);
    expect(result.notice).toContain('the task ended before this was decided, so nothing ran');
    expect(h.world.sent).toEqual([]);
  });

  it('a task cancelled while its card waits rejects the card at once, as before', async () => {
    const since = h.mark();
    await h.send('send the hello message');
    const next = (await h.waitFor(is('approval.requested'), { since })).approval;
    expect((await h.agent.cancelTask(next.taskId!)).status).toBe('cancelled');
    expect(h.agent.listApprovals({ taskId: next.taskId! })[0]).toMatchObject({ status: 'rejected', decidedBy: 'system:cancelled' });
    expect(h.agent.listApprovals({ status: 'pending' })).toEqual([]);
  });
});
