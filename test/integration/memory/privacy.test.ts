import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedProvider } from '../../../src-main/core/llm/scripted-provider.js';
import type { Extraction } from '../../../src-main/core/memory/extraction.js';
import { createMemoryHarness, xfact, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

interface CorpusEntry {
  kind: string;
  text: string;
  secret: string;
}
const corpus = (JSON.parse(readFileSync(new URL('../../fixtures/sensitive-corpus.json', import.meta.url), 'utf8')) as { entries: CorpusEntry[] }).entries;

/** The ways a stored copy could look: as written, and digits only for numbers. */
function forms(entry: CorpusEntry): string[] {
  const digits = entry.secret.replace(/\D/g, '');
  return [entry.secret, ...(digits.length >= 9 && /^[\d\s-]+$/.test(entry.secret) ? [digits] : [])];
}

/**
 * The worst model: whatever the turn, it "extracts" the secret itself as a fact, under an
 * innocent predicate and under a telling one, plus the whole sentence as a note.
 */
function leakyModel(): ScriptedProvider {
  return new ScriptedProvider({
    rules: [
      {
        match: { schemaName: 'memory_extraction' },
        response: (call) => {
          const entry = corpus.find((e) => call.lastUserText.includes(`#${corpus.indexOf(e)}#`));
          const facts: Extraction['facts'] = entry
            ? [
                xfact('Pat Doe', 'detail', entry.secret),
                xfact('Pat Doe', entry.kind, entry.secret),
                xfact('Pat Doe', 'note', entry.text),
                xfact(entry.secret, 'title', 'Engineer'),
              ]
            : [xfact('Office plant', 'name', 'Zanzibar Fern', { subjectType: 'project' })];
          return { type: 'json', value: { entities: entry ? [{ name: 'Pat Doe', type: 'person', aliases: [entry.secret] }] : [], facts } };
        },
      },
    ],
  });
}

describe('privacy filter: the sensitive corpus is never stored', () => {
  let h: MemoryHarness;

  beforeAll(async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    h = await createMemoryHarness({ provider: leakyModel() });
    for (const [i, entry] of corpus.entries()) {
      await h.memory.learnFromTurn({ conversationId: 'c', user: { messageId: `u${i}`, text: `#${i}# ${entry.text}` }, assistant: { messageId: `a${i}`, text: `You said: ${entry.text}` } });
      await h.memory.remember(entry.text);
    }
    // One harmless fact, to prove the file checks below can see stored text at all.
    await h.memory.learnFromTurn({ user: { messageId: 'plant', text: 'Our office plant is called Zanzibar Fern.' } });
  }, 60_000);
  afterAll(async () => h?.dispose());

  it('no fact, entity, alias, history row or episode holds any of the strings', () => {
    const stored = h.memory.list({ status: 'all', limit: 1000 }).facts;
    expect(stored.map((f) => f.object)).toContain('Zanzibar Fern');
    const text = h.allMemoryText();
    const leaked = corpus.filter((entry) => forms(entry).some((form) => text.includes(form)));
    expect(leaked.map((e) => e.secret)).toEqual([]);
  });

  it('episodes keep the rest of the turn, with a marker where the data was', async () => {
    const found = await h.memory.search({ query: 'company card expiry', includeEpisodes: true });
    const episode = found.episodes.find((e) => e.episode.text.includes('expiry 09/28'));
    expect(episode?.episode.text).toBe('#0# My company card is [card number removed], expiry 09/28.');
    expect(episode?.episode.redactions).toBe(1);
  });

  it('the database file holds none of them — neither encrypted on disk nor in a decrypted copy', () => {
    const onDisk = h.fileBytes();
    const decrypted = h.decryptedBytes();
    // The check can see stored text: the harmless fact is in the decrypted copy and not on disk.
    expect(decrypted.includes(Buffer.from('Zanzibar Fern'))).toBe(true);
    expect(onDisk.includes(Buffer.from('Zanzibar Fern'))).toBe(false);
    // Lower case too: the keyword index stores tokens folded to lower case.
    const leaked = corpus.filter((entry) =>
      forms(entry).some((form) => [form, form.toLowerCase()].some((f) => decrypted.includes(Buffer.from(f)) || onDisk.includes(Buffer.from(f)))),
    );
    expect(leaked.map((e) => e.secret)).toEqual([]);
  });

  it('passwords and API keys went to the keychain instead, with only a pointer in memory', () => {
    const keychain = [...h.secrets.entries()].filter(([account]) => account.startsWith('memory-credential:'));
    const credentials = corpus.filter((e) => e.kind === 'password' || e.kind === 'api_key');
    const missing = credentials.filter((e) => !keychain.some(([, value]) => value.includes(e.secret)));
    expect(missing.map((e) => e.secret)).toEqual([]);
    const pointers = h.memory.list({ status: 'all', limit: 1000 }).facts.filter((f) => f.predicate === 'credential_in_keychain');
    expect(pointers.map((f) => f.subject)).toEqual(expect.arrayContaining(['Stripe', 'GitHub', 'Slack', 'AWS', 'PostgreSQL', 'Wi-Fi']));
    expect(pointers.every((f) => f.object.startsWith('memory-credential:'))).toBe(true);
  });

  it('every drop was logged without the value', () => {
    const logged = JSON.stringify(h.log.entries);
    expect(h.log.entries.some((e) => e.message === 'dropped a proposed fact')).toBe(true);
    const leaked = corpus.filter((entry) => forms(entry).some((form) => logged.includes(form)));
    expect(leaked.map((e) => e.secret)).toEqual([]);
  });

  it('"Remember that" refuses cards, IDs and health data out loud', async () => {
    const card = await h.memory.remember('the company card is 4111 1111 1111 1111');
    expect(card).toMatchObject({ refused: 'payment_card', stored: [] });
    expect(card.reply).toBe("I won't keep that: it contains a payment card number, which memory never stores. Nothing was saved.");
    const health = await h.memory.remember('Maria was diagnosed with diabetes');
    expect(health.refused).toBe('health');
    const key = await h.memory.remember('our Stripe key is sk_live_51HxYzAbCdEfGhIjKlMnOp');
    expect(key.reply).toBe('I saved that key for Stripe in the system keychain, not in memory.');
  });
});
