import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { peopleFor } from '../../../src-main/core/people/people-registry.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { killChildAtMarker } from '../../helpers/kill-at-marker.js';
import { tempDir } from '../../helpers/test-core.js';
import { journalLines } from './support/workflow-tools.js';
import { openWorkflowWorld, type WorkflowWorld } from './support/workflow-world.js';

const CHILD = path.resolve('test/integration/workflows/support/workflow-crash-child.ts');

let world: WorkflowWorld | null = null;
let dataDir: string | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

/** Runs the child until it reaches the kill point, then SIGKILLs it. */
async function crashChild(): Promise<{ dataDir: string; key: string }> {
  const dir = tempDir('steward-workflow-crash-');
  dataDir = dir;
  const key = randomBytes(32).toString('hex');
  const marker = path.join(dir, 'marker');
  await killChildAtMarker(CHILD, marker, { STEWARD_TEST_DATA_DIR: dir, STEWARD_TEST_DB_KEY: key, STEWARD_TEST_MARKER: marker });
  return { dataDir: dir, key };
}

async function reopen(crashed: { dataDir: string; key: string }): Promise<WorkflowWorld> {
  world = await openWorkflowWorld({ dataDir: crashed.dataDir, secrets: createMemorySecretStore({ 'db-key:default': crashed.key }) });
  return world;
}

describe('workflow runs survive kill -9', () => {
  it('resume at the approval they waited for without repeating a finished step, and stop (not resend) an outside call cut off mid-flight', async () => {
    const crashed = await crashChild();
    expect(journalLines(path.join(crashed.dataDir, 'journal.txt'))).toEqual(['record:request laptop:900', 'record:first', 'block:p']);

    const w = await reopen(crashed);
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
    const priya = peopleFor(w.core).repo.byEmail('priya@acme.test')!;
    const request = engine.inbox(priya).find((r) => r.runId === purchase.id)!;
    engine.respond({ requestId: request.id, person: priya, decision: 'approve', comment: 'go' });
    await engine.idle();

    expect(engine.view(purchase.id).run.status).toBe('succeeded');
    expect(journalLines(w.journal).sort()).toEqual(['block:p', 'record:bought laptop (go)', 'record:first', 'record:request laptop:900', 'record:told supplier about laptop']);
  }, 200_000);
});
