import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { killChildAtMarker } from '../../helpers/kill-at-marker.js';
import { tempDir } from '../../helpers/test-core.js';
import { journalLines } from './support/workflow-tools.js';
import { openWorkflowWorld, type WorkflowWorld } from './support/workflow-world.js';

const CHILD = path.resolve('test/integration/workflows/support/workflow-crash-child.ts');

// One crash for the whole file (a TypeScript child starts slowly on a loaded machine): the
// child leaves three runs behind and each test checks one of them after the restart.
let world: WorkflowWorld;
let crashed: { dataDir: string; key: string };
beforeAll(async () => {
  crashed = await crashChild();
  world = await openWorkflowWorld({ dataDir: crashed.dataDir, secrets: createMemorySecretStore({ 'db-key:default': crashed.key }) });
}, 200_000);
afterAll(async () => {
  await world?.close();
  if (crashed) rmSync(crashed.dataDir, { recursive: true, force: true });
});

/** Runs the child until it reaches the kill point, then SIGKILLs it. */
async function crashChild(): Promise<{ dataDir: string; key: string }> {
  const dir = tempDir('steward-workflow-crash-');
  const key = randomBytes(32).toString('hex');
  const marker = path.join(dir, 'marker');
  await killChildAtMarker(CHILD, marker, { STEWARD_TEST_DATA_DIR: dir, STEWARD_TEST_DB_KEY: key, STEWARD_TEST_MARKER: marker });
  return { dataDir: dir, key };
}

const journal = () => journalLines(world.journal);

describe('workflow runs survive kill -9', () => {
  it('resume at the approval they waited for without repeating a finished step, and stop (not resend) an outside call cut off mid-flight', async () => {
    expect(journal()).toEqual(['record:request laptop:900', 'record:first', 'block:p']);

    const w = world;
    const { engine } = w.workflows;
    const runs = engine.deps.repo.listRuns();
    const purchase = runs.find((r) => r.workflowId === 'purchase')!;
    const post = runs.find((r) => r.workflowId === 'post')!;

    // The cut-off outside call: it may or may not have reached the bank, so it is not sent again.
    const cut = engine.view(post.id);
    expect(cut.run.status).toBe('failed');
    expect(cut.run.detail).toBe('“Post to the bank” was cut off while it ran (Steward stopped), so it may or may not have happened. Check Post to the bank, then retry the step on the Workflows screen.');
    expect(cut.steps.map((s) => `${s.stepId}:${s.status}`)).toEqual(['first:succeeded', 'post:interrupted', 'last:pending']);

    // The approval is still waiting for Priya; once she approves, only the remaining steps run.
    const waiting = engine.view(purchase.id);
    expect(waiting.run.status).toBe('waiting');
    expect(waiting.waitingFor).toBe('waiting for Director (Ana Costa or Priya Shah)');
    const priya = w.core.people.repo.byEmail('priya@acme.test')!;
    const request = engine.inbox(priya).find((r) => r.runId === purchase.id)!;
    engine.respond({ requestId: request.id, person: priya, decision: 'approve', comment: 'go' });
    // (engine.idle() would also wait for the third run, whose call waits on its approval card.)
    await expect.poll(() => engine.view(purchase.id).run.status, { timeout: 30_000 }).toBe('succeeded');
    expect(journal().sort()).toEqual(['block:p', 'record:bought laptop (go)', 'record:first', 'record:request laptop:900', 'record:told supplier about laptop']);
  }, 200_000);

  it('keeps the one approval card a tool call was waiting on when killed: no second card, and approving it twice runs the call once', async () => {
    const before = readFileSync(path.join(crashed.dataDir, 'approval-before.txt'), 'utf8');
    const w = world;
    const { engine } = w.workflows;
    const tell = engine.deps.repo.listRuns().find((r) => r.workflowId === 'tell')!;

    // The same card, still pending — not a second one for the same call.
    const cards = (await w.core.request('approvals.list', { status: 'all' })).filter((a) => a.tool === 'partner.notify');
    expect(cards.map((a) => [a.id, a.status])).toEqual([[before, 'pending']]);
    const view = engine.view(tell.id);
    expect(view.steps.map((s) => `${s.stepId}:${s.status}`)).toEqual(['tell:running']);
    expect(view.timeline.map((e) => e.what)).toContain('Steward restarted; “Tell the partner” still waits for the approval it asked for (the same request, not asked again)');

    const first = await w.core.request('approvals.respond', { id: before, decision: 'approve' });
    expect(first.applied).toBe(true);
    await expect.poll(() => engine.view(tell.id).run.status, { timeout: 30_000 }).toBe('succeeded');
    const again = await w.core.request('approvals.respond', { id: before, decision: 'approve' });
    expect(again.applied).toBe(false);
    expect(again.notice).toMatch(/already approved/);
    await engine.idle();
    expect(journal().filter((l) => l.startsWith('notify:'))).toEqual(['notify:acme:hello']);
  }, 200_000);
});
