/**
 * The demo's onboarding sentence through the real agent, with the scripted model standing in for
 * a language model: the agent recognises the workflow, the model reads the sentence into its
 * inputs, code asks for the email the sentence does not give and starts the run only on the
 * user's yes; the run's steps go through the real ToolRunner and the demo company's servers, and
 * the conversation follows them to the summary — each outside effect exactly once.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../src-preload/contract.js';
import { createCore } from '../../../src-main/core/app.js';
import type { Core } from '../../../src-main/core/core-types.js';
import { DEMO_REQUEST } from '../../../src-main/core/demo/demo-company.js';
import { DEMO_PROFILE } from '../../../src-main/core/demo/demo-mode.js';
import { seedDemoProfile } from '../../../src-main/core/demo/demo-seed.js';
import { startDemoServices, type DemoServices } from '../../../src-main/core/demo/demo-services.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { hrDemoScript, nextJanuaryFifth } from '../../e2e/support/hr-demo-script.js';
import { tempDir } from '../../helpers/test-core.js';

const saved = { ...process.env };

describe('the demo onboarding sentence, through the agent with a model', () => {
  let services: DemoServices;
  let core: Core;
  let dataDir: string;

  beforeAll(async () => {
    services = await startDemoServices();
    Object.assign(process.env, services.serverEnv);
    dataDir = tempDir('steward-demo-agent-');
    const script = path.join(dataDir, 'script.json');
    writeFileSync(script, JSON.stringify(hrDemoScript()));
    core = await createCore({ profile: DEMO_PROFILE, host: 'test', version: '0.0.0-test', dataDir, providerSpec: `scripted:${script}` }, { secrets: createMemorySecretStore() });
    await seedDemoProfile(core, services);
  }, 60_000);

  afterAll(async () => {
    await core?.close();
    await services?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    process.env = saved;
  });

  const texts = (conversationId: string) => core.conversations.repo.messages(conversationId, {}).map((m: Message) => m.text);
  const waitFor = async (conversationId: string, pattern: RegExp) => {
    await expect.poll(() => texts(conversationId).join('\n---\n'), { timeout: 30_000, interval: 100 }).toMatch(pattern);
  };
  const runs = () => core.request('workflows.runs', {});

  it('asks for what the sentence leaves out, starts only on the yes, and follows the run to the summary — every outside step once', async () => {
    const { conversationId } = core.conversations.send({ text: DEMO_REQUEST });
    // The model read the sentence; the email it did not say is asked for, never guessed.
    await waitFor(conversationId, /To start “New-hire onboarding” I still need: email \(the new hire's email address\)/);
    expect(texts(conversationId).join('\n')).not.toMatch(/fixed rules/);
    core.conversations.send({ conversationId, text: 'email: dana.lee@acme.test' });
    await waitFor(conversationId, new RegExp(`Shall I start “New-hire onboarding” with firstName: Dana, lastName: Lee, jobTitle: Senior Engineer, startDate: ${nextJanuaryFifth()}, salary: 150000, manager: Priya, email: dana\\.lee@acme\\.test\\?`));
    expect(await runs()).toEqual([]);

    core.conversations.send({ conversationId, text: 'yes' });
    await waitFor(conversationId, /Started “New-hire onboarding”/);
    // Followed in this conversation like the fixed-rules path: the letter, then who it waits for.
    await waitFor(conversationId, /✓ \*\*Draft the offer letter\*\*[\s\S]*> We are delighted to offer you the position of Senior Engineer, reporting to Priya,/);
    await waitFor(conversationId, /⏳ \*\*The Director approves the offer\*\* — waiting for Director \((Omar Haddad or )?Priya Shah\)/);
    expect(services.hris.created()).toEqual([]);
    expect(services.inbox.messages()).toEqual([]);

    core.conversations.send({ conversationId, text: '/onboarding approve Welcome, Dana' });
    await waitFor(conversationId, /\*\*Dana Lee is onboarded\.\*\*/);
    expect(texts(conversationId).join('\n')).toMatch(/on behalf of Director \((Omar Haddad or )?Priya Shah\)/);

    expect(services.hris.created()).toEqual([expect.objectContaining({ firstName: 'Dana', lastName: 'Lee', jobTitle: 'Senior Engineer', workEmail: 'dana.lee@acme.test' })]);
    expect(services.inbox.messages().filter((m) => m.to.includes('dana.lee@acme.test')).map((m) => m.subject)).toEqual(['Welcome aboard, Dana!']);
    expect([...services.calendar.events.values()].map((e) => e.summary)).toEqual(['First day: welcome Dana Lee']);
    const [run] = await runs();
    expect(run).toMatchObject({ status: 'succeeded', startedVia: 'chat' });
  }, 120_000);

  it('does not start anything when the user says no to the inputs read back', async () => {
    const { conversationId } = core.conversations.send({ text: DEMO_REQUEST });
    await waitFor(conversationId, /I still need: email/);
    core.conversations.send({ conversationId, text: 'email: dana.lee@acme.test' });
    await waitFor(conversationId, /Shall I start/);
    const before = (await runs()).length;
    core.conversations.send({ conversationId, text: 'no, wait' });
    await waitFor(conversationId, /OK — the workflow was not started\./);
    expect((await runs()).length).toBe(before);
  }, 60_000);
});
