import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../src-main/core/people/person.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { tempDir } from '../../helpers/test-core.js';
import { journalLines, PURCHASE_YAML } from './support/workflow-tools.js';
import { openWorkflowWorld, type WorkflowWorld } from './support/workflow-world.js';

let world: WorkflowWorld | null = null;
let dataDir = '';

async function open(options: { flakyFailures?: number } = {}): Promise<WorkflowWorld> {
  dataDir = tempDir('steward-workflows-');
  world = await openWorkflowWorld({ dataDir, secrets: createMemorySecretStore(), ...options });
  return world;
}

afterEach(async () => {
  await world?.close();
  world = null;
  rmSync(dataDir, { recursive: true, force: true });
});

function team(w: WorkflowWorld): { owner: Person; priya: Person; ana: Person; sam: Person } {
  const people = w.core.people;
  const owner = people.owner();
  return {
    owner,
    priya: people.add(owner, { name: 'Priya Shah', email: 'priya@acme.test', role: 'director', departments: ['hr'] }),
    ana: people.add(owner, { name: 'Ana Costa', email: 'ana@acme.test', role: 'director', departments: ['finance'] }),
    sam: people.add(owner, { name: 'Sam Park', email: 'sam@acme.test', role: 'employee', departments: [] }),
  };
}

describe('workflow engine over the real ToolRunner and SQLite', () => {
  it('routes the approval to the Director, shows who it waits for, and runs the rest once after she approves', async () => {
    const w = await open();
    const { owner, priya, sam } = team(w);
    const { catalog, engine } = w.workflows;
    catalog.add(PURCHASE_YAML, 'purchase.yaml');
    const run = engine.start({ definition: catalog.get('purchase'), inputs: { item: 'laptop', amount: '$900' }, startedBy: owner, via: 'ui' });
    await engine.idle();

    const waiting = engine.view(run.id);
    expect(waiting.run.status).toBe('waiting');
    expect(waiting.waitingFor).toBe('waiting for Director (Ana Costa or Priya Shah)');
    expect(w.notifications.at(-1)).toMatchObject({ title: 'Approval needed: Purchase', body: expect.stringContaining('Buy laptop for USD 900?') });
    const [request] = engine.inbox(priya);
    expect(request?.text).toBe('Buy laptop for USD 900?');
    expect(engine.inbox(sam)).toEqual([]);
    expect(() => engine.respond({ requestId: request!.id, person: sam, decision: 'approve' })).toThrow(/Sam Park \(employee\) may not answer .*it needs to be Director \(Ana Costa or Priya Shah\), or the owner/);

    engine.respond({ requestId: request!.id, person: priya, decision: 'approve', comment: 'ok for Q1' });
    await engine.idle();
    const done = engine.view(run.id);
    expect(done.run.status).toBe('succeeded');
    expect(done.steps.find((s) => s.stepId === 'finance_ok')?.status).toBe('skipped');
    expect(journalLines(w.journal).sort()).toEqual(['record:bought laptop (ok for Q1)', 'record:request laptop:900', 'record:told supplier about laptop'].sort());
    expect(done.timeline.map((t) => `${t.actor}: ${t.what}${t.comment ? ` [${t.comment}]` : ''}`)).toContain('Director (Priya Shah): approved “The Director approves” [ok for Q1]');
    const audited = w.core.audit.list({ limit: 50 }).filter((row) => row.action === 'workflow.approve');
    expect(audited[0]).toMatchObject({ actor: 'person:priya@acme.test', result: 'ok' });
  });

  it('adds the Finance approval above the threshold; a rejection stops the run with the reason and books nothing', async () => {
    const w = await open();
    const { owner, priya, ana } = team(w);
    const { catalog, engine } = w.workflows;
    catalog.add(PURCHASE_YAML, 'purchase.yaml');
    const run = engine.start({ definition: catalog.get('purchase'), inputs: { item: 'server', amount: 5000 }, startedBy: owner, via: 'ui' });
    await engine.idle();
    engine.respond({ requestId: engine.inbox(priya)[0]!.id, person: priya, decision: 'approve' });
    await engine.idle();
    expect(engine.view(run.id).waitingFor).toBe('waiting for Finance director (Ana Costa)');
    const financeRequest = engine.inbox(ana).find((r) => r.stepId === 'finance_ok')!;
    expect(engine.inbox(priya).map((r) => r.stepId)).not.toContain('finance_ok');
    engine.respond({ requestId: financeRequest.id, person: ana, decision: 'reject', comment: 'over budget' });
    await engine.idle();
    const view = engine.view(run.id);
    expect(view.run.status).toBe('failed');
    expect(view.run.detail).toBe('Director (Ana Costa) rejected “Finance approves above USD 1,000”: “over budget”');
    expect(journalLines(w.journal)).toEqual(['record:request server:5000']);
    expect(() => engine.respond({ requestId: financeRequest.id, person: ana, decision: 'approve' })).toThrow(/already rejected by Director \(Ana Costa\)/);
  });

  it('lets the owner approve on the Director’s behalf, and the timeline says so', async () => {
    const w = await open();
    const { owner } = team(w);
    const { catalog, engine } = w.workflows;
    catalog.add(PURCHASE_YAML, 'purchase.yaml');
    const run = engine.start({ definition: catalog.get('purchase'), inputs: { item: 'desk', amount: 300 }, startedBy: owner, via: 'ui' });
    await engine.idle();
    engine.respond({ requestId: engine.inbox(owner)[0]!.id, person: owner, decision: 'approve' });
    await engine.idle();
    const view = engine.view(run.id);
    expect(view.run.status).toBe('succeeded');
    expect(view.timeline.some((t) => /approved “The Director approves” as owner, on behalf of Director \(Ana Costa or Priya Shah\)/.test(t.what))).toBe(true);
  });

  it('stopping a run whose tool call waits on its approval card rejects that card, so approving it later runs nothing', async () => {
    const w = await open();
    const { owner } = team(w);
    const { catalog, engine } = w.workflows;
    catalog.add('id: tell\nversion: 1\ntitle: Tell the partner\nsteps:\n  - id: tell\n    title: Tell the partner\n    tool: partner.notify\n    args: { to: acme, text: hello }\n', 'tell.yaml');
    const run = engine.start({ definition: catalog.get('tell'), inputs: {}, startedBy: owner, via: 'ui' });
    await expect.poll(async () => (await w.core.request('approvals.list', { status: 'pending' })).length).toBe(1);
    const [card] = await w.core.request('approvals.list', { status: 'pending' });

    engine.cancel(run.id, owner);
    await expect.poll(async () => (await w.core.request('approvals.list', { status: 'all' })).find((a) => a.id === card!.id)?.status).toBe('rejected');
    const late = await w.core.request('approvals.respond', { id: card!.id, decision: 'approve' });
    expect(late.applied).toBe(false);
    expect(late.notice).toMatch(/already rejected/);
    await engine.idle();
    expect(engine.view(run.id).run.status).toBe('cancelled');
    expect(journalLines(w.journal)).toEqual([]);
  });

  it('refuses to start with missing or wrong inputs, naming each, and stores nothing', async () => {
    const w = await open();
    const { owner } = team(w);
    const { catalog, engine } = w.workflows;
    catalog.add(PURCHASE_YAML, 'purchase.yaml');
    expect(() => engine.start({ definition: catalog.get('purchase'), inputs: { amount: 'a lot', colour: 'red' }, startedBy: owner, via: 'ui' })).toThrow(
      /"colour" is not an input of this workflow.*"amount" must be a number, such as 150000.*"item" is missing/,
    );
    expect(w.core.db.raw.prepare('SELECT COUNT(*) AS n FROM workflow_runs').get()).toEqual({ n: 0 });
  });

  it('refuses to let someone whose role does not open a step’s tool start the workflow, naming the role', async () => {
    const w = await open();
    const { owner, sam } = team(w);
    const { catalog, engine } = w.workflows;
    catalog.add(
      `id: tell-partner\nversion: 1\ntitle: Tell a partner\nsteps:\n  - id: tell\n    tool: partner.notify\n    args: { to: acme, text: hello }\n`,
      'tell-partner.yaml',
    );
    expect(() => engine.start({ definition: catalog.get('tell-partner'), inputs: {}, startedBy: sam, via: 'ui' })).toThrow(
      'Sam Park (employee) may not start “Tell a partner” (its step “tell” uses “Notify a partner”): it needs the manager role. The owner can change roles in Settings › People.',
    );
    // The owner may start it; the external call still waits on the approval gate like any other.
    const run = engine.start({ definition: catalog.get('tell-partner'), inputs: {}, startedBy: owner, via: 'ui' });
    await expect.poll(() => w.core.db.raw.prepare("SELECT COUNT(*) AS n FROM approvals WHERE status = 'pending' AND tool = 'partner.notify'").get(), { timeout: 10_000 }).toEqual({ n: 1 });
    expect(journalLines(w.journal)).toEqual([]);
    const approval = w.core.db.raw.prepare("SELECT id FROM approvals WHERE status = 'pending'").get() as { id: string };
    await w.agent.respondApproval({ id: approval.id, decision: 'approve' }, 'user:test');
    await engine.idle();
    expect(engine.view(run.id).run.status).toBe('succeeded');
    expect(journalLines(w.journal)).toEqual(['notify:acme:hello']);
  });

  it('retries a failing step as the policy says, and compensates finished steps when a step fails for good', async () => {
    const w = await open({ flakyFailures: 2 });
    const { owner } = team(w);
    const { catalog, engine } = w.workflows;
    catalog.add(
      `id: sync\nversion: 1\ntitle: Sync\nsteps:\n  - id: first\n    tool: ledger.record\n    args: { entry: first }\n    compensate: { tool: ledger.undo, args: { entry: first } }\n  - id: sync\n    tool: ledger.flaky\n    args: { entry: s }\n    onFailure: { retry: 2 }\n`,
      'sync.yaml',
    );
    const ok = engine.start({ definition: catalog.get('sync'), inputs: {}, startedBy: owner, via: 'ui' });
    await expect.poll(() => engine.view(ok.id).run.status, { timeout: 10_000 }).toBe('succeeded');
    expect(journalLines(w.journal)).toEqual(['record:first', 'flaky-try:s', 'flaky-try:s', 'flaky-try:s']);

    catalog.add(
      `id: sync\nversion: 2\ntitle: Sync\nsteps:\n  - id: first\n    tool: ledger.record\n    args: { entry: first }\n    compensate: { tool: ledger.undo, args: { entry: first } }\n  - id: post\n    tool: ledger.record\n    args: { entry: "{{steps.first.output.missing}}" }\n    onFailure: { then: compensate }\n`,
      'sync-v2.yaml',
    );
    const failing = engine.start({ definition: catalog.get('sync'), inputs: {}, startedBy: owner, via: 'ui' });
    await expect.poll(() => engine.view(failing.id).run.status, { timeout: 10_000 }).toBe('failed');
    const view = engine.view(failing.id);
    expect(view.run.version).toBe(2);
    expect(view.run.detail).toMatch(/^Step “post” failed: .*entry.* — undone: first$/);
    expect(view.steps.find((s) => s.stepId === 'first')?.status).toBe('compensated');
    expect(journalLines(w.journal).slice(-2)).toEqual(['record:first', 'undo:first']);
  });

  it('keeps a run on the version it started with and asks for a higher version for a changed definition', async () => {
    const w = await open();
    team(w);
    const { catalog } = w.workflows;
    catalog.add(PURCHASE_YAML, 'purchase.yaml');
    expect(() => catalog.add(PURCHASE_YAML.replace('title: Purchase', 'title: Purchase (new)'), 'purchase.yaml')).toThrow('The workflow "purchase" is already at version 1; give this one "version: 2" so runs can tell them apart. Nothing was changed.');
  });

  it('waits until a date: a past date goes on at once, a future one waits and says until when', async () => {
    const w = await open();
    const { owner } = team(w);
    const { catalog, engine } = w.workflows;
    catalog.add(
      `id: later\nversion: 1\ntitle: Later\ninputs:\n  - { name: day, type: date }\nsteps:\n  - id: wait\n    wait: { until: "{{inputs.day}}" }\n  - id: note\n    tool: ledger.record\n    args: { entry: later }\n`,
      'later.yaml',
    );
    const past = engine.start({ definition: catalog.get('later'), inputs: { day: '2020-01-01' }, startedBy: owner, via: 'schedule' });
    await expect.poll(() => engine.view(past.id).run.status, { timeout: 10_000 }).toBe('succeeded');
    const future = engine.start({ definition: catalog.get('later'), inputs: { day: '2099-01-05' }, startedBy: owner, via: 'schedule' });
    await engine.idle();
    expect(engine.view(future.id).waitingFor).toBe('waiting for the date 2099-01-05 00:00 UTC');
    expect(journalLines(w.journal)).toEqual(['record:later']);
  });
});
