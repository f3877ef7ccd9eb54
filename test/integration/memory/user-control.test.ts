import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHarness, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

const has = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text));

describe('user control of memory', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('"Remember that …" stores what was said, with the user as the source and high confidence', async () => {
    h = await createMemoryHarness();
    const reply = await h.memory.handleCommand('Remember that Priya Nair is our head of sales');
    expect(reply?.kind).toBe('remember');
    expect(reply?.reply).toBe("I'll remember that Priya Nair is head of sales.");
    expect(h.memory.list({}).facts[0]).toMatchObject({ subject: 'Priya Nair', predicate: 'title', object: 'head of sales', source: 'user', confidence: 0.95 });
    // Something no rule can read is kept as a note, still findable.
    await h.memory.handleCommand('remember: invoices go out on the last Friday of the month');
    expect((await h.memory.search({ query: 'when do invoices go out' })).facts[0]?.fact.object).toBe('invoices go out on the last Friday of the month');
  });

  it('"What do you know about …?" lists current facts and history', async () => {
    h = await createMemoryHarness();
    await h.memory.remember('John Smith is our CFO from 2020 to 2023');
    await h.memory.remember('Sarah Lee is our CFO since 2023');
    await h.memory.remember("Sarah Lee's email is sarah@acme.com");
    const about = await h.memory.handleCommand('What do you know about Sarah Lee?');
    expect(about?.reply).toBe(['About Sarah Lee (person, also called Sarah):', "- Sarah Lee's email is sarah@acme.com", '- Sarah Lee is CFO (since 2023)'].join('\n'));
    const cfo = h.memory.describe('the CFO');
    expect(cfo.entities.map((e) => e.name)).toEqual(['Sarah Lee']);
    expect(h.memory.describe('John Smith').reply).toContain('Earlier:\n  - John Smith is CFO (2020 – 2023)');
    expect(h.memory.describe('Zorblatt Industries').reply).toBe("I don't know anything about Zorblatt Industries yet.");
  });

  it('"Forget …" that matches nothing says so and changes nothing', async () => {
    h = await createMemoryHarness();
    await h.memory.remember("Bob Jones's email is bob@acme.com");
    const reply = await h.memory.handleCommand('Forget the Zanzibar contract');
    expect(reply?.reply).toBe('I have nothing stored that matches "Zanzibar contract", so nothing was forgotten.');
    expect(h.memory.list({}).total).toBe(1);
  });

  it('"Forget John\'s phone number" deletes the fact for real: gone from rows, episodes and the file', async () => {
    h = await createMemoryHarness();
    await h.memory.learnFromTurn({ user: { messageId: 'm1', text: "John's phone is +1 415 555 0199, call him about the Quokka deal." } });
    await h.memory.remember("John Carter's phone is +1 415 555 0199");
    await h.memory.remember("John Carter's email is john@quokka.io");
    expect(has(h.decryptedBytes(), '555 0199')).toBe(true);
    const reply = h.memory.forget("John Carter's phone number");
    expect(reply.reply).toBe('Forgotten 1 fact: John Carter — phone.');
    expect(h.memory.list({ status: 'all' }).facts.map((f) => f.predicate)).toEqual(['email']);
    expect(h.allMemoryText()).not.toContain('555 0199');
    expect((await h.memory.search({ query: 'Quokka deal' })).episodes[0]?.episode.text).toBe("John's phone is [forgotten], call him about the Quokka deal.");
    expect(has(h.decryptedBytes(), '555 0199')).toBe(false);
  });

  it('"Forget <person>" removes the person and every fact about them; too broad a request deletes nothing', async () => {
    h = await createMemoryHarness();
    await h.memory.remember("Mallory Quinn's email is mallory@acme.com");
    await h.memory.remember('Mallory Quinn reports to Dana Cole');
    for (let i = 0; i < 12; i += 1) await h.memory.remember(`Widget ${i}'s price is ${i + 10} dollars`);
    const broad = h.memory.forget('price');
    expect(broad.tooBroad).toBe(true);
    expect(h.memory.list({}).total).toBe(14);
    const person = h.memory.forget('Mallory Quinn');
    expect(person.reply).toBe('Forgotten: Mallory Quinn and 2 facts about them.');
    expect(h.memory.resolveReference('email Mallory')).toEqual([]);
    expect(h.memory.list({}).total).toBe(12);
  });

  it('"Show me my data" summarises and lists everything by category', async () => {
    h = await createMemoryHarness();
    await h.memory.remember("Bob Jones's email is bob@acme.com");
    await h.memory.remember('we use Xero');
    const reply = await h.memory.handleCommand('Show me my data');
    expect(reply?.kind).toBe('show_data');
    expect(reply?.reply).toMatch(/^I hold 2 current facts/);
    expect(reply?.reply).toContain('## Team members\n\n- Bob Jones\'s email is bob@acme.com');
    expect(reply?.reply).toContain('## Integrations\n\n- Your company uses Xero');
  });

  it('"Clear my data" asks first, then really deletes: no rows, and not even free pages of the file hold the text', async () => {
    h = await createMemoryHarness();
    await h.memory.remember("Quentin Blake's email is quentin@zanzibar-holdings.com");
    await h.memory.learnFromTurn({ user: { messageId: 'm1', text: 'Zanzibar Holdings pays on the 15th.' } });
    await h.memory.recordTask({ kind: 'email.send', summary: 'send the Zanzibar report' });
    expect(has(h.decryptedBytes(), 'zanzibar-holdings.com')).toBe(true);
    expect(has(h.fileBytes(), 'zanzibar-holdings.com')).toBe(false);

    const ask = await h.memory.handleCommand('Clear my data');
    expect(ask).toMatchObject({ kind: 'clear_data', needsConfirmation: true, result: null });
    expect(h.memory.analytics().totals.facts).toBe(1);

    const done = await h.memory.handleCommand('Clear my data', { confirmed: true });
    expect(done).toMatchObject({ kind: 'clear_data', needsConfirmation: false, result: { deletedFacts: 1, deletedEpisodes: 1 } });
    expect(h.memory.analytics().totals).toEqual({ facts: 0, currentFacts: 0, entities: 0, episodes: 0, workflows: 0 });
    expect(h.allMemoryText()).toBe('');
    const decrypted = h.decryptedBytes();
    expect(has(decrypted, 'zanzibar')).toBe(false);
    expect(has(decrypted, 'Zanzibar')).toBe(false);
    // Memory still works after a clear.
    await h.memory.remember("Ada King's email is ada@acme.com");
    expect((await h.memory.search({ query: 'Ada email' })).facts[0]?.fact.object).toBe('ada@acme.com');
  });

  it('edits are validated, recorded in history and re-linked', async () => {
    h = await createMemoryHarness();
    await h.memory.remember('Ken Ito is in the sales team');
    await h.memory.remember("Ken Ito's email is ken@acme.com");
    const email = h.memory.list({}).facts.find((f) => f.predicate === 'email')!;
    const edited = h.memory.edit({ id: email.id, object: 'ken.ito@acme.com' });
    expect(edited).toMatchObject({ object: 'ken.ito@acme.com', confidence: 1 });
    expect(h.memory.history(email.id).changes.at(-1)).toMatchObject({ change: 'edited', detail: 'edited by the user: value: ken@acme.com → ken.ito@acme.com' });
    expect(() => h.memory.edit({ id: email.id, object: 'not an email' })).toThrow(/object: absurd value: is not an email address\. Nothing was changed/);
    expect(() => h.memory.edit({ id: email.id, object: '4111 1111 1111 1111' })).toThrow(/holds sensitive data/);
    expect(() => h.memory.edit({ id: 'nope', object: 'x' })).toThrow(/was not found/);
    const team = h.memory.list({}).facts.find((f) => f.predicate === 'member_of')!;
    h.memory.edit({ id: team.id, object: 'Support' });
    expect(h.memory.resolveReference('ask the support team')[0]?.people.map((p) => p.email)).toEqual(['ken.ito@acme.com']);
    expect(h.memory.deleteFacts([email.id, 'missing-id'])).toEqual({ deleted: 1, missing: ['missing-id'] });
  });

  it('the database file never holds a stored fact in plaintext', async () => {
    h = await createMemoryHarness();
    await h.memory.remember("Yolanda Vexley's email is yolanda@vexley-partners.com");
    await h.memory.learnFromTurn({ user: { messageId: 'x', text: 'The Vexley retainer renews in August.' } });
    const onDisk = h.fileBytes();
    expect(has(onDisk, 'vexley')).toBe(false);
    expect(has(onDisk, 'Vexley')).toBe(false);
    expect(has(onDisk, 'Yolanda')).toBe(false);
    expect(has(h.decryptedBytes(), 'Yolanda')).toBe(true);
  });
});
