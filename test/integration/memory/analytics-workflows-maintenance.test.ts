import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHarness, extractionModel, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

describe('analytics, common-task learning and maintenance', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('analytics: totals by category, last update, most used, awaiting confirmation', async () => {
    h = await createMemoryHarness();
    await h.memory.remember("Bob Jones's email is bob@acme.com");
    await h.memory.remember("Bob Jones's email is bob@other.com");
    await h.memory.remember('we use Xero');
    h.clock.advanceDays(2);
    await h.memory.remember('Ann Lee is in the finance team');
    await h.memory.contextFor('email Bob Jones', 500);
    await h.memory.contextFor('email Bob Jones again', 500);
    const a = h.memory.analytics();
    expect(a.byCategory).toEqual({ company_info: 0, team_members: 2, preferences: 0, projects: 0, integrations: 1, other: 0 });
    expect(a.totals).toMatchObject({ facts: 4, currentFacts: 3, entities: 5 });
    expect(a.lastUpdatedAt).toBe('2025-03-03T09:00:00.000Z');
    expect(a.mostUsed[0]).toMatchObject({ object: 'bob@acme.com', useCount: 2 });
    expect(a.awaitingConfirmation.map((q) => q.text)).toEqual(["You said before that Bob Jones's email is bob@acme.com, now that Bob Jones's email is bob@other.com. Which is correct?"]);
  });

  it('suggests automating a task done three times, saves it as a workflow when accepted, and does not nag after "no"', async () => {
    h = await createMemoryHarness();
    expect(h.memory.recordTask({ kind: 'report.send', summary: 'Send the weekly report to the team', params: { to: 'team' } })).toBeNull();
    expect(h.memory.recordTask({ kind: 'report.send', summary: 'send the weekly report to the team on Monday' })).toBeNull();
    const suggestion = h.memory.recordTask({ kind: 'report.send', summary: 'send the weekly report to the team', params: { to: 'team', format: 'pdf' } });
    expect(suggestion?.text).toBe('I notice you often send the weekly report to the team. Should I make it a one-click action?');
    expect(suggestion?.workflow).toEqual({ kind: 'report.send', summary: 'send the weekly report to the team', occurrences: 3 });
    expect(h.events.filter((e) => e.type === 'memory.question')).toHaveLength(1);
    expect(h.memory.recordTask({ kind: 'report.send', summary: 'send the weekly report to the team' })).toBeNull();

    const accepted = h.memory.answer(suggestion!.id, { kind: 'workflow', accept: true, name: 'Weekly report' });
    expect(accepted.workflow).toMatchObject({ name: 'Weekly report', kind: 'report.send', params: { to: 'team', format: 'pdf' }, runCount: 0 });
    h.memory.recordTask({ kind: 'report.send', summary: 'send the weekly report to the team' });
    expect(h.memory.workflows()[0]?.runCount).toBe(1);

    for (let i = 0; i < 3; i += 1) h.memory.recordTask({ kind: 'invoice.create', summary: 'invoice Acme for hosting' });
    const [invoice] = h.memory.questions();
    h.memory.answer(invoice!.id, { kind: 'workflow', accept: false });
    expect(h.memory.recordTask({ kind: 'invoice.create', summary: 'invoice Acme for hosting' })).toBeNull();
    expect(h.memory.workflows()).toHaveLength(1);
    expect(() => h.memory.answer(invoice!.id, { kind: 'workflow', accept: true })).toThrow(/already answered/);
  });

  it('proposes expiring facts unused for N days and deletes only after a yes', async () => {
    h = await createMemoryHarness({ settings: { autoExpire: { enabled: true, unusedDays: 180 } } });
    await h.memory.remember("Old Contact's email is old@acme.com");
    h.clock.advanceDays(100);
    await h.memory.remember("New Contact's email is new@acme.com");
    h.clock.advanceDays(90);
    const first = await h.memory.runMaintenance();
    expect(first.expiryQuestion?.text).toBe(`I haven't used one fact in over 180 days: "Old Contact's email is old@acme.com". Shall I delete it?`);
    expect(h.memory.list({}).total).toBe(2);
    // Asked once: the same facts are not proposed again while the question is open.
    expect((await h.memory.runMaintenance()).expiryQuestion).toBeNull();
    h.memory.answer(first.expiryQuestion!.id, { kind: 'expiry', approve: false });
    expect(h.memory.list({}).total).toBe(2);

    h.clock.advanceDays(200);
    const second = await h.memory.runMaintenance();
    expect(second.expiryQuestion?.facts.map((f) => f.object).sort()).toEqual(['new@acme.com', 'old@acme.com']);
    expect(h.memory.answer(second.expiryQuestion!.id, { kind: 'expiry', approve: true }).outcome).toBe('Deleted 2 unused facts.');
    expect(h.memory.list({ status: 'all' }).total).toBe(0);
  });

  it('never proposes expiry when auto-expire is off', async () => {
    h = await createMemoryHarness({ settings: { autoExpire: { enabled: false, unusedDays: 180 } } });
    await h.memory.remember("Old Contact's email is old@acme.com");
    h.clock.advanceDays(400);
    expect((await h.memory.runMaintenance()).expiryQuestion).toBeNull();
  });

  it('summarises projects quiet for 90 days, and prompts use the summary', async () => {
    h = await createMemoryHarness({ provider: extractionModel({}) });
    await h.memory.remember("Apollo project's status is delivered");
    await h.memory.remember("Apollo project's budget is 40k");
    h.clock.advanceDays(30);
    expect((await h.memory.runMaintenance()).summarisedProjects).toEqual([]);
    h.clock.advanceDays(61);
    expect((await h.memory.runMaintenance()).summarisedProjects).toEqual(['Apollo project']);
    const context = await h.memory.contextFor('What happened with the Apollo project?', 500);
    expect(context.text).toContain('Apollo project (summary of an older project): A finished project.');
    expect(context.text).not.toContain("budget is 40k");
    expect((await h.memory.runMaintenance()).summarisedProjects).toEqual([]);
  });
});
