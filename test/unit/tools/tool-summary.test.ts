import { describe, expect, it } from 'vitest';
import { createEmailTool } from '../../../src-main/core/tools/builtin/email/email-send.js';
import { filesCreateTool } from '../../../src-main/core/tools/builtin/files/files-create.js';
import { summarise } from '../../../src-main/core/tools/tool-runner.js';

/** The one line an approval card leads with: what the call will do, in the user's terms. */
describe('approval summaries', () => {
  it('says what a file write will do, without repeating the content', () => {
    expect(summarise(filesCreateTool, { path: 'notes/plan.md', content: 'one\ntwo\nthree' })).toBe('Create notes/plan.md — 3 lines');
    expect(summarise(filesCreateTool, { path: 'notes/plan.md', content: 'x', overwrite: true })).toBe('Write (replacing if it exists) notes/plan.md — 1 line');
  });

  it('names the subject, the recipients and the attachments of an email', () => {
    const email = createEmailTool({ getSmtpConfig: () => null });
    expect(summarise(email, { to: ['ana@client.test'], subject: 'Q3 invoice', text: 'Hi', attachments: [{ path: 'invoices/q3.pdf' }] })).toBe(
      'Email “Q3 invoice” to ana@client.test with 1 attachment',
    );
    const many = ['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test', 'e@x.test'];
    expect(summarise(email, { to: many, subject: 'Party', text: 'Friday' })).toBe('Email “Party” to a@x.test, b@x.test, c@x.test and 2 more');
  });

  it('falls back to the arguments when they do not fit the tool (the card still shows what was proposed)', () => {
    expect(summarise(filesCreateTool, { path: '../outside.txt', content: 'x' })).toBe('files.create — path: ../outside.txt, content: x');
  });
});
