/**
 * The privacy filter must not invent secrets or withhold business context: a "pin" on a purse is
 * not a PIN, "the password is stored in 1Password" holds no password, a team-lunch allergy is
 * kept by default, and what is withheld is configurable. A credential that is really stated goes
 * to the keychain and the user is told.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findSensitive, redactSensitive } from '../../../src-main/core/memory/privacy-filter.js';
import { createMemoryHarness, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

const kinds = (text: string, options?: Parameters<typeof findSensitive>[1]) => findSensitive(text, options).map((f) => `${f.kind}:${f.value}`);

describe('privacy filter precision', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('the password and PIN patterns never reach across a sentence end or take an ordinary word', () => {
    expect(kinds('I love the spiderman pin on your purse. Is Spider-Man your favorite superhero?')).toEqual([]);
    expect(kinds('Put a pin on the map for the office. Is it near the station?')).toEqual([]);
    expect(kinds('The password for the VPN. Is that still in the handbook?')).toEqual([]);
    expect(kinds('The password is stored in 1Password.')).toEqual([]);
    expect(kinds('The wifi password is case-sensitive.')).toEqual([]);
    expect(kinds('Our password policy is strict: twelve characters at least.')).toEqual([]);
    // What really is one still is.
    expect(kinds('The pin for the office alarm is 4821.')).toEqual(['password:4821']);
    expect(kinds('The Wi-Fi password is sunshine42')).toEqual(['password:sunshine42']);
    expect(kinds('password for the staging db: Tr0ub4dor&3')).toEqual(['password:Tr0ub4dor&3']);
  });

  it('a purse pin stores nothing in the keychain and no pointer fact', async () => {
    h = await createMemoryHarness();
    const result = await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm1', text: 'I love the spiderman pin on your purse. Is Spider-Man your favorite superhero?' } });
    expect(result.credentials).toEqual([]);
    expect([...h.secrets.entries().keys()].filter((k) => k.startsWith('memory-credential:'))).toEqual([]);
    expect(h.memory.list({ status: 'all' }).facts.filter((f) => f.predicate === 'credential_in_keychain')).toEqual([]);
    expect(h.events.filter((e) => e.type === 'notification')).toEqual([]);
  });

  it('a stated credential goes to the keychain and the user is told where', async () => {
    h = await createMemoryHarness();
    const result = await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm1', text: 'The Shopify password is Gr33nTea!2025, please keep it handy.' } });
    expect(result.credentials).toEqual([{ service: 'Shopify', account: 'memory-credential:shopify-password' }]);
    expect(h.secrets.entries().get('memory-credential:shopify-password')).toBe('Gr33nTea!2025');
    const told = h.events.filter((e) => e.type === 'notification');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: 'Saved a password for Shopify in the system keychain' });
    expect(JSON.stringify(told)).not.toContain('Gr33nTea');
    expect(h.allMemoryText()).not.toContain('Gr33nTea');
  });

  it('a food allergy is business context by default; a medical one is withheld; both are configurable', () => {
    const lunch = 'Ravi is allergic to shellfish, so keep it off the team dinner menu.';
    expect(kinds(lunch)).toEqual([]);
    expect(redactSensitive(lunch, { withhold: { dietary: true } }).text).toBe('[dietary or allergy information removed].');
    expect(kinds('Eva is allergic to penicillin.')).toEqual(['health:Eva is allergic to penicillin']);
    expect(kinds('She is pregnant and starts leave in May.')).toHaveLength(1);
    expect(kinds('She is pregnant and starts leave in May.', { withhold: { health: false } })).toEqual([]);
    expect(kinds('We need to rehab the old warehouse before the move.')).toEqual([]);
    expect(kinds('He is in rehab until March.').map((k) => k.split(':')[0])).toEqual(['health']);
  });

  it('the settings decide what learning withholds, and the stored turn says what was removed', async () => {
    h = await createMemoryHarness();
    await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm1', text: 'Ravi is allergic to shellfish, so keep it off the team dinner menu.' } });
    h.setSettings({ withhold: { health: true, dietary: true } });
    await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm2', text: 'Mia is allergic to peanuts, no satay at the offsite.' } });
    await h.memory.learnFromTurn({ conversationId: 'c1', user: { messageId: 'm3', text: 'Tom has diabetes. He will join the offsite.' } });
    const texts = Object.fromEntries((h.db.raw.prepare('SELECT message_id, text, redactions FROM memory_episodes').all() as { message_id: string; text: string; redactions: number }[]).map((r) => [r.message_id, r]));
    expect(texts.m1).toMatchObject({ text: 'Ravi is allergic to shellfish, so keep it off the team dinner menu.', redactions: 0 });
    expect(texts.m2).toMatchObject({ text: '[dietary or allergy information removed].', redactions: 1 });
    expect(texts.m3).toMatchObject({ text: '[health information removed]. He will join the offsite.', redactions: 1 });
    const found = await h.memory.search({ query: 'shellfish allergy team dinner' });
    expect(found.episodes[0]?.episode.messageId).toBe('m1');
  });
});
