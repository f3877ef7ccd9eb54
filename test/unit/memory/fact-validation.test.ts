import { describe, expect, it } from 'vitest';
import { validateCandidate } from '../../../src-main/core/memory/fact-validation.js';
import { canonicalTitle, isSingleValued, isUniqueTitle, normalisePredicate } from '../../../src-main/core/memory/predicates.js';
import { endsBeforeStart, parseValidityDate } from '../../../src-main/core/memory/validity-dates.js';

const now = new Date('2025-03-01T00:00:00Z');
const base = { subject: 'Ann Lee', predicate: 'email', object: 'ann@acme.com', confidence: 0.9 };

describe('fact validation', () => {
  it('normalises predicates and fills the category from the predicate', () => {
    const ok = validateCandidate({ ...base, predicate: 'Email address', category: 'other' }, now);
    expect(ok).toEqual({ ok: true, fact: expect.objectContaining({ predicate: 'email', category: 'team_members', confidence: 0.9 }) });
    expect(normalisePredicate('Job title')).toBe('title');
    expect(normalisePredicate('reports to')).toBe('reports_to');
    expect(normalisePredicate('!!!')).toBeNull();
  });

  it.each([
    [{ object: '' }, 'empty value'],
    [{ object: 'N/A' }, 'placeholder value'],
    [{ subject: 'unknown' }, 'placeholder subject'],
    [{ object: 'ann at acme' }, 'absurd value: is not an email address'],
    [{ predicate: 'password', object: 'hunter22' }, 'sensitive: a credential or personal detail'],
    [{ predicate: 'note', object: 'card 4111 1111 1111 1111' }, 'sensitive: a payment card number'],
    [{ predicate: 'title', object: 'Ann Lee' }, 'value repeats the subject'],
    [{ validFrom: '2024', validTo: '2021' }, 'absurd date: ends before it starts'],
    [{ validFrom: 'the other day' }, expect.stringMatching(/^absurd date:/)],
    [{ confidence: 0 }, 'no confidence'],
  ])('drops %o', (patch, reason) => {
    expect(validateCandidate({ ...base, ...patch }, now)).toMatchObject({ ok: false, reason });
  });

  it('reads dates as people say them', () => {
    expect(parseValidityDate('March 2023', now)).toEqual({ ok: true, value: '2023-03' });
    expect(parseValidityDate('now', now)).toEqual({ ok: true, value: '2025-03-01' });
    expect(parseValidityDate('2023-4-1', now)).toEqual({ ok: true, value: '2023-04-01' });
    expect(parseValidityDate('2023-13', now)).toMatchObject({ ok: false });
    expect(endsBeforeStart('2023-05', '2023')).toBe(false);
    expect(endsBeforeStart('2023-05', '2022-12-31')).toBe(true);
  });

  it('knows which predicates and titles are single-valued', () => {
    expect(isSingleValued('email')).toBe(true);
    expect(isSingleValued('member_of')).toBe(false);
    expect(isSingleValued('preferred_airline')).toBe(true);
    expect(isUniqueTitle('Chief Financial Officer')).toBe(true);
    expect(isUniqueTitle('head of sales')).toBe(true);
    expect(isUniqueTitle('engineer')).toBe(false);
    expect(isUniqueTitle('cargo')).toBe(false);
    expect(canonicalTitle('The Chief Financial Officer')).toBe('cfo');
  });
});
