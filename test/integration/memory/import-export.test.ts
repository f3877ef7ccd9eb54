import { afterEach, describe, expect, it } from 'vitest';
import { MemoryImportError } from '../../../src-main/core/memory/memory-errors.js';
import { createMemoryHarness, extractionModel, xfact, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

async function seed(h: MemoryHarness): Promise<void> {
  await h.memory.remember('John Smith is our CFO from 2020 to 2023');
  await h.memory.remember('Sarah Lee is our CFO since 2023');
  await h.memory.remember("Sarah Lee's email is sarah@acme.com");
  await h.memory.remember('Alice Smith and Bob Jones are in the engineering team');
  await h.memory.remember('we use Xero');
  await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm1', text: 'We decided the campaign launches in June.' } });
  for (let i = 0; i < 3; i += 1) h.memory.recordTask({ kind: 'report.send', summary: 'send the weekly report to the team' });
  const [suggestion] = h.memory.questions();
  h.memory.answer(suggestion!.id, { kind: 'workflow', accept: true });
}

const snapshot = (h: MemoryHarness) =>
  h.memory
    .list({ status: 'all', limit: 1000 })
    .facts.map(({ useCount: _u, lastUsedAt: _l, ...rest }) => rest)
    .sort((a, b) => a.id.localeCompare(b.id));

describe('memory import and export', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('export → clear → import gives the same facts back, and importing again adds nothing', async () => {
    h = await createMemoryHarness();
    await seed(h);
    const before = snapshot(h);
    const analyticsBefore = h.memory.analytics().totals;
    const exported = h.memory.exportData('json');
    expect(exported.fileName).toBe('steward-memory-2025-03-01.json');

    h.memory.clearAll();
    expect(h.memory.list({ status: 'all' }).total).toBe(0);

    const first = h.memory.importData(exported.content);
    expect(first.imported).toEqual({ entities: analyticsBefore.entities, facts: analyticsBefore.facts, episodes: 1, workflows: 1 });
    expect(snapshot(h)).toEqual(before);
    expect(h.memory.analytics().totals).toEqual(analyticsBefore);
    expect(h.memory.resolveReference('email the engineering team')[0]?.people.map((p) => p.name)).toEqual(['Alice Smith', 'Bob Jones']);
    expect(h.memory.workflows().map((w) => w.name)).toEqual(['Send the weekly report to the team']);

    const second = h.memory.importData(exported.content);
    expect(second.imported).toEqual({ entities: 0, facts: 0, episodes: 0, workflows: 0 });
    expect(second.skippedDuplicates.facts).toBe(before.length);
    expect(snapshot(h)).toEqual(before);
  });

  it('imports into a profile that already has the same facts under other ids without duplicating them', async () => {
    h = await createMemoryHarness();
    await seed(h);
    const exported = h.memory.exportData('json').content;
    const other = await createMemoryHarness();
    try {
      await other.memory.remember("Sarah Lee's email is sarah@acme.com");
      other.memory.importData(exported);
      const emails = other.memory.list({ status: 'all' }).facts.filter((f) => f.predicate === 'email');
      expect(emails.map((f) => f.object)).toEqual(['sarah@acme.com']);
    } finally {
      await other.dispose();
    }
  });

  it('rejects a malformed file naming the line and field, and imports nothing of it', async () => {
    h = await createMemoryHarness();
    await seed(h);
    const file = JSON.parse(h.memory.exportData('json').content) as { facts: { object: unknown; confidence: unknown }[] };
    h.memory.clearAll();
    // The third fact is broken; the first two are fine but must not be imported either.
    file.facts[2]!.object = '';
    const text = JSON.stringify(file, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"object": ""')) + 1;
    let error: MemoryImportError | null = null;
    try {
      h.memory.importData(text);
    } catch (err) {
      error = err as MemoryImportError;
    }
    expect(error).toBeInstanceOf(MemoryImportError);
    expect(error?.issues).toEqual([{ path: `line ${line}, facts[2].object`, message: 'must not be empty' }]);
    expect(error?.userMessage).toBe(`The memory file cannot be imported — line ${line}, facts[2].object: must not be empty. Nothing was imported; fix the file and try again.`);
    expect(h.memory.analytics().totals).toEqual({ facts: 0, currentFacts: 0, entities: 0, episodes: 0, workflows: 0 });
  });

  it('rejects broken JSON, a foreign file, dangling references and sensitive values, each with its place', async () => {
    h = await createMemoryHarness();
    await seed(h);
    const good = h.memory.exportData('json').content;
    h.memory.clearAll();
    const attempt = (text: string) => {
      try {
        h.memory.importData(text);
        return null;
      } catch (err) {
        return (err as MemoryImportError).issues?.[0] ?? null;
      }
    };
    expect(attempt(good.replace('"facts": [', '"facts": [,'))?.message).toMatch(/not valid JSON/);
    expect(attempt('{\n  "format": "something-else"\n}')).toMatchObject({ path: 'line 2, format' });
    const file = JSON.parse(good) as { facts: { subjectEntityId: string; object: string }[] };
    file.facts[1]!.subjectEntityId = 'ghost';
    expect(attempt(JSON.stringify(file, null, 2))).toMatchObject({ path: expect.stringMatching(/^line \d+, facts\[1\]\.subjectEntityId$/), message: 'names an entity that is not in the file' });
    const withCard = JSON.parse(good) as { facts: { object: string }[] };
    withCard.facts[0]!.object = 'card 4111 1111 1111 1111';
    expect(attempt(JSON.stringify(withCard, null, 2))?.message).toMatch(/holds a payment card number/);
    expect(h.memory.analytics().totals.facts).toBe(0);
  });

  it('Markdown export is readable and grouped by category, with history and workflows', async () => {
    h = await createMemoryHarness();
    await seed(h);
    const md = h.memory.exportData('markdown');
    expect(md.fileName).toBe('steward-memory-2025-03-01.md');
    expect(md.content).toContain('## Team members');
    expect(md.content).toContain('- Sarah Lee is CFO (since 2023)');
    expect(md.content).toContain('## Integrations\n\n- Your company uses Xero');
    expect(md.content).toContain('## History (no longer current)\n\n- John Smith is CFO (2020 – 2023)');
    expect(md.content).toContain('## Saved workflows\n\n- **Send the weekly report to the team**');
  });

  it('a conflict question survives the round trip', async () => {
    const model = extractionModel({ 'turn-one': { facts: [xfact('Bo Li', 'email', 'bo@a.com')] }, 'turn-two': { facts: [xfact('Bo Li', 'email', 'bo@b.com')] } });
    h = await createMemoryHarness({ provider: model });
    await h.memory.learnFromTurn({ user: { text: 'turn-one' } });
    await h.memory.learnFromTurn({ user: { text: 'turn-two' } });
    const content = h.memory.exportData('json').content;
    h.memory.clearAll();
    h.memory.importData(content);
    const [question] = h.memory.questions();
    expect(question?.facts.map((f) => f.object)).toEqual(['bo@a.com', 'bo@b.com']);
    h.memory.answer(question!.id, { kind: 'conflict', keep: 'new' });
    expect(h.memory.list({}).facts.map((f) => f.object)).toEqual(['bo@b.com']);
  });
});
