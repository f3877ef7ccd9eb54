/**
 * The demo's onboarding sentence through a real core with no language model: read by fixed
 * rules, the new-hire workflow runs — offer letter, the Director's approval decided by the owner
 * on her behalf, the employee in the HR system, the welcome email, the first-day meeting — each
 * against the demo company's real servers, reported step by step in the conversation.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../src-preload/contract.js';
import { DEMO_REQUEST } from '../../../src-main/core/demo/demo-company.js';
import { DEMO_PROFILE } from '../../../src-main/core/demo/demo-mode.js';
import { seedDemoProfile } from '../../../src-main/core/demo/demo-seed.js';
import { startDemoServices, type DemoServices } from '../../../src-main/core/demo/demo-services.js';
import { readOnboardingSentence } from '../../../src-main/core/demo/onboarding-sentence.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

const saved = { ...process.env };

describe('the demo onboarding sentence, with no model', () => {
  let services: DemoServices;
  let test: TestCore;

  beforeAll(async () => {
    services = await startDemoServices();
    // What the demo host gives its server: the demo calendar's address and the demo pages.
    Object.assign(process.env, services.serverEnv);
    delete process.env.STEWARD_PROVIDER;
    test = await createTestCore({ profile: DEMO_PROFILE });
    await seedDemoProfile(test.core, services);
  }, 60_000);

  afterAll(async () => {
    await test?.dispose();
    await services?.close();
    process.env = saved;
  });

  const texts = (conversationId: string) => test.core.conversations.repo.messages(conversationId, {}).map((m: Message) => m.text);
  const waitFor = async (conversationId: string, pattern: RegExp) => {
    await expect.poll(() => texts(conversationId).join('\n---\n'), { timeout: 30_000, interval: 100 }).toMatch(pattern);
  };

  it('reads the sentence by fixed rules, and says what is missing or unknown instead of guessing', () => {
    const context = { today: new Date('2026-12-06T12:00:00Z'), people: [{ name: 'Priya Shah', departments: ['engineering'] }], emailDomain: 'acme.test' };
    expect(readOnboardingSentence(DEMO_REQUEST, context)).toEqual({
      kind: 'ok',
      inputs: { firstName: 'Dana', lastName: 'Lee', jobTitle: 'Senior Engineer', startDate: '2027-01-05', salary: 150000, manager: 'Priya Shah', email: 'dana.lee@acme.test', department: 'engineering' },
    });
    expect(readOnboardingSentence('Onboard Dana Lee as Senior Engineer starting January 5 at $150,000, reporting to Bob', context)).toEqual({
      kind: 'incomplete',
      problems: ['nobody called "Bob" has a profile here: the owner adds people before they can be named'],
    });
    expect(readOnboardingSentence('Onboard Dana Lee as Senior Engineer starting Smarch 5 at $150,000, reporting to Priya', context)).toMatchObject({ kind: 'incomplete', problems: ['"Smarch 5" is not a date'] });
    expect(readOnboardingSentence('onboard someone soon', context).kind).toBe('incomplete');
    expect(readOnboardingSentence('What is onboarding?', context).kind).toBe('not-onboarding');
  });

  it('runs the onboarding from the sentence, waits for the Director, and after the owner approves on her behalf does every outside step exactly once', async () => {
    const { conversationId } = test.core.conversations.send({ text: DEMO_REQUEST });
    await waitFor(conversationId, /No language model is installed, so I read this request by fixed rules: \*\*New-hire onboarding\*\* for Dana Lee — Senior Engineer, starting \d{4}-01-05, USD 150,000/);
    await waitFor(conversationId, /✓ \*\*Draft the offer letter\*\*[\s\S]*> We are delighted to offer you the position of Senior Engineer, reporting to Priya Shah/);
    await waitFor(conversationId, /⏳ \*\*The Director approves the offer\*\* — waiting for Director \((Omar Haddad or )?Priya Shah\)/);
    expect(services.hris.created()).toEqual([]);
    expect(services.inbox.messages()).toEqual([]);

    test.core.conversations.send({ conversationId, text: '/onboarding approve Welcome, Dana' });
    await waitFor(conversationId, /\*\*Dana Lee is onboarded\.\*\*/);
    const all = texts(conversationId).join('\n');
    expect(all).toMatch(/on behalf of Director \((Omar Haddad or )?Priya Shah\)/);
    expect(all).toContain(services.links.inbox);

    expect(services.hris.created()).toEqual([expect.objectContaining({ firstName: 'Dana', lastName: 'Lee', jobTitle: 'Senior Engineer', workEmail: 'dana.lee@acme.test', department: 'Engineering' })]);
    const mails = services.inbox.messages().filter((m) => m.to.includes('dana.lee@acme.test'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Welcome aboard, Dana!');
    const events = [...services.calendar.events.values()];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ summary: 'First day: welcome Dana Lee', attendees: [{ email: 'dana.lee@acme.test' }] });
    const letter = path.join(test.core.paths.workspaceDir, 'workflows');
    expect(existsSync(letter)).toBe(true);
  }, 90_000);

  it('refuses an approval when none is waiting, and a rejection without a reason, changing nothing', async () => {
    const { conversationId } = test.core.conversations.send({ text: '/onboarding approve' });
    await waitFor(conversationId, /No onboarding approval is waiting in this conversation\. Nothing was changed\./);
    test.core.conversations.send({ conversationId, text: '/onboarding reject' });
    await waitFor(conversationId, /Say why: `\/onboarding reject <reason>`\. Nothing was changed\./);
  });
});
