import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { passesLuhn } from '../../../src-main/core/memory/luhn.js';
import { findSensitive, redactSensitive } from '../../../src-main/core/memory/privacy-filter.js';

const corpus = (JSON.parse(readFileSync(new URL('../../fixtures/sensitive-corpus.json', import.meta.url), 'utf8')) as { entries: { kind: string; text: string; secret: string }[] }).entries;

describe('privacy filter', () => {
  it('flags every corpus string with its kind and removes the secret from the redacted text', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    const missed = corpus.filter((entry) => {
      const { text, findings } = redactSensitive(entry.text);
      return !findings.some((f) => f.kind === entry.kind) || text.includes(entry.secret);
    });
    expect(missed.map((e) => e.text)).toEqual([]);
  });

  it('leaves ordinary business text alone', () => {
    for (const text of [
      'Call me at +1 415 555 2671',
      'Order 1234567812345678 shipped',
      'card ending 4242',
      'We use visual aids in sales decks',
      'Our sick leave policy is 10 days',
      'The password is required for login',
      'Meeting on 2024-05-01 at 10:00',
      'Sarah is the CFO since 2023',
      'Invoice INV-2024-0042 total 1,234.56',
      'The token expires tomorrow',
      'Our cargo ships from Rotterdam',
    ]) {
      expect(findSensitive(text), text).toEqual([]);
    }
  });

  it('keeps the rest of the sentence and says what was removed', () => {
    expect(redactSensitive('Pay with 4111 1111 1111 1111 and email ann@acme.com').text).toBe('Pay with [card number removed] and email ann@acme.com');
    expect(redactSensitive('Key: sk-proj-AbCdEfGhIjKlMnOpQrSt. Ping Bob.').text).toBe('Key: [API key removed]. Ping Bob.');
    expect(redactSensitive('Ship Friday. Ana is pregnant. Invoice Monday.').text).toBe('Ship Friday. [health information removed]. Invoice Monday.');
  });

  it('checks card numbers with Luhn', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(findSensitive('card 4111 1111 1111 1112')).toEqual([]);
  });
});
