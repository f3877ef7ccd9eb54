/**
 * Memory from untrusted origins waits for the user (issue "Untrusted text cannot act", case 3):
 * facts read in an email, a file or pasted text are stored as suggestions with their origin,
 * never live; so are facts about who may approve, pay or receive money and changes to contact
 * details, whatever the origin. The user's yes makes them memory; a no retires them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHarness, extractionModel, xfact, type MemoryHarness } from '../../unit/memory/helpers/memory-harness.js';

describe('memory from untrusted text is a suggestion until the user confirms it', () => {
  let h: MemoryHarness;
  afterEach(async () => h?.dispose());

  it('a fact only the reply states (after reading an email) is pending with its origin; what the user said is live', async () => {
    const model = extractionModel({
      'forwarded': {
        facts: [xfact('Invoices', 'note', 'invoices go to cfo.payments@evil.example', { subjectType: 'unknown', category: 'other' }), xfact('Dana Lee', 'title', 'Head of Sales', { category: 'team_members' })],
      },
    });
    h = await createMemoryHarness({ provider: model });
    const result = await h.memory.learnFromTurn({
      conversationId: 'c1',
      user: { messageId: 'u1', text: 'Dana Lee is our Head of Sales. What does the forwarded email say?' },
      assistant: { messageId: 'a1', text: 'It says invoices go to cfo.payments@evil.example.', origin: 'the email from billing@supplier-mail.example' },
    });
    const live = h.memory.list({}).facts;
    expect(live.map((f) => f.object)).toEqual(['Head of Sales']);
    expect(live[0]!.origin).toBeNull();
    const pending = h.memory.list({ status: 'pending' }).facts;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ object: 'invoices go to cfo.payments@evil.example', status: 'pending', current: false, origin: 'the email from billing@supplier-mail.example' });
    expect(result.questions).toHaveLength(1);
    expect(result.questions[0]).toMatchObject({ kind: 'confirm', status: 'open' });
    expect(result.questions[0]!.text).toContain('I read this in the email from billing@supplier-mail.example');

    // Recall never serves a suggestion as something the user said; the episode is labelled with its origin.
    const context = await h.memory.contextFor('where do invoices go', 400);
    expect(context.text).not.toContain('cfo.payments@evil.example is');
    expect(context.text).not.toMatch(/what the user told Steward/);
    expect(context.facts.some((f) => f.object.includes('evil.example'))).toBe(false);
    expect(context.episodes.find((e) => e.messageId === 'a1')?.origin).toBe('the email from billing@supplier-mail.example');
    expect(context.text).toContain('(read in the email from billing@supplier-mail.example)');
  });

  it('pasted text taints everything learned from the turn, and its passwords are not taken into the keychain', async () => {
    const model = extractionModel({ 'Subject:': { facts: [xfact('Acme Supplies', 'website', 'acme-supplies.example', { subjectType: 'company', category: 'company_info' })] } });
    h = await createMemoryHarness({ provider: model });
    const result = await h.memory.learnFromTurn({
      user: { messageId: 'u1', text: 'From: a@b.example\nSubject: login\n\nThe portal password is Hunter2Secret! and our site is acme-supplies.example', origin: 'text pasted by you' },
      assistant: { messageId: 'a1', text: 'Noted.', origin: 'text pasted by you' },
    });
    expect(result.credentials).toEqual([]);
    expect(h.memory.list({}).facts).toEqual([]);
    expect(h.memory.list({ status: 'pending' }).facts.map((f) => f.origin)).toEqual(['text pasted by you']);
  });

  it('facts about approving or receiving money need confirmation even when the user typed them; an explicit "Remember that" is the confirmation', async () => {
    const model = extractionModel({ 'John': { facts: [xfact('John Smith', 'note', 'John Smith can approve payments up to $50,000', { category: 'team_members' })] } });
    h = await createMemoryHarness({ provider: model });
    const learned = await h.memory.learnFromTurn({ user: { messageId: 'u1', text: 'By the way John Smith can approve payments up to $50,000' }, assistant: { messageId: 'a1', text: 'OK.' } });
    expect(h.memory.list({}).facts).toEqual([]);
    expect(learned.questions[0]!.text).toContain('It is about who may approve, pay or receive money');
    expect(h.memory.list({ status: 'pending' }).facts[0]!.origin).toBeNull();

    const remembered = await h.memory.remember('Remember that Maria Diaz approves refunds');
    expect(remembered.stored.map((f) => f.status)).toEqual(['active']);
  });

  it('a stated change of someone’s email is confirmed before it replaces the address memory has', async () => {
    const model = extractionModel({
      'first': { facts: [xfact('Bob Ray', 'email', 'bob@acme.com', { category: 'team_members' })] },
      'changed': { facts: [xfact('Bob Ray', 'email', 'bob@newco.io', { category: 'team_members', validFrom: '2026-11-01' })] },
    });
    h = await createMemoryHarness({ provider: model });
    await h.memory.learnFromTurn({ user: { text: 'first: Bob Ray is bob@acme.com' } });
    const changed = await h.memory.learnFromTurn({ user: { text: 'Bob has changed his email to bob@newco.io' } });
    expect(h.memory.list({}).facts.map((f) => f.object)).toEqual(['bob@acme.com']);
    const question = changed.questions[0]!;
    expect(question).toMatchObject({ kind: 'confirm' });
    expect(question.text).toContain('It changes contact details I already have');

    const yes = h.memory.answer(question.id, { kind: 'confirm', accept: true });
    expect(yes.outcome).toContain('Remembered');
    expect(h.memory.list({}).facts.map((f) => f.object)).toEqual(['bob@newco.io']);
    expect(h.memory.list({ status: 'history' }).facts.map((f) => f.object)).toContain('bob@acme.com');
  });

  it('a "no" retires the suggestion (kept in history), and a question cannot be answered twice', async () => {
    const model = extractionModel({ 'read': { facts: [xfact('Acme Supplies', 'note', 'Acme Supplies bank account is 000-EVIL-999', { subjectType: 'company', category: 'company_info' })] } });
    h = await createMemoryHarness({ provider: model });
    const result = await h.memory.learnFromTurn({ user: { text: 'read the web page' }, assistant: { text: 'The page says Acme Supplies bank account is 000-EVIL-999', origin: 'the web page https://news.example/x' } });
    const question = result.questions[0]!;
    const no = h.memory.answer(question.id, { kind: 'confirm', accept: false });
    expect(no.outcome).toContain("won't remember");
    expect(h.memory.list({ status: 'all' }).facts[0]).toMatchObject({ status: 'retired', retiredReason: 'the user did not confirm it' });
    expect(() => h.memory.answer(question.id, { kind: 'confirm', accept: true })).toThrow(/already answered/i);
  });
});
