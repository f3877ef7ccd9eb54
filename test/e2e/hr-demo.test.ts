/**
 * The HR onboarding demo end to end in Chromium, as `npm run demo` runs it — the demo company's
 * mail server, calendar and HR system, the separate demo profile, the real local server — with
 * the scripted model standing in for a language model, so the sentence goes through the real
 * agent: the model reads it into the workflow's inputs, Steward asks for the email it does not
 * give and starts the run on the user's yes; the real approval routing, workflow engine and tools
 * do the rest. Every outside effect must have landed exactly once.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { DEMO_REQUEST } from '../../src-main/core/demo/demo-company.js';
import { UI_ARTIFACTS } from './support/browser-suite.js';
import { chatComposer, chatThread, sendChatMessage } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';
import { nextJanuaryFifth, writeHrDemoScript } from './support/hr-demo-script.js';
import { expectOnboardedOnce, hrDemoSuite } from './support/hr-demo-world.js';

describeInChromium('HR onboarding demo in Chromium, through the agent', () => {
  const world = hrDemoSuite({ suite: 'hr-demo', timeoutMs: 30_000, script: writeHrDemoScript });

  it('opens on the demo company: says the assistant reads the sentence with the model, offers the sentence and links the demo inbox, calendar and HR system', async () => {
    const { page, browser, problems } = world.e2e;
    await page.goto(world.server.chatUrl);
    const panel = page.getByRole('region', { name: 'HR onboarding demo' });
    await panel.getByRole('heading', { name: /Acme Robotics/ }).waitFor();
    await panel.getByRole('note').getByText(/The assistant reads your sentence with the language model, asks for anything it does not say/).waitFor();
    expect(await panel.getByText(/no AI is answering/).count()).toBe(0);
    expect(await panel.getByRole('link', { name: 'Demo inbox' }).getAttribute('href')).toBe(world.services.links.inbox);
    expect(await panel.getByRole('link', { name: 'Demo calendar' }).getAttribute('href')).toBe(world.services.links.calendar);
    expect(await panel.getByRole('link', { name: 'Demo HR system' }).getAttribute('href')).toBe(world.services.links.hris);
    // The demo is not offered again from inside itself.
    expect(await page.getByRole('button', { name: 'Try the demo' }).count()).toBe(0);

    await panel.getByRole('button', { name: DEMO_REQUEST }).click();
    await expect.poll(() => chatComposer(page).inputValue()).toBe(DEMO_REQUEST);
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'hr-demo-start.png'), fullPage: true });

    // The HR system page the link opens lists the staff, the Director included, and not yet the new hire.
    const hris = await browser.context.newPage();
    await hris.goto(world.services.links.hris);
    await hris.getByRole('row', { name: /Priya Shah Director of Engineering/ }).waitFor();
    expect(await hris.getByRole('cell', { name: 'Dana Lee' }).count()).toBe(0);
    await hris.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('onboards Dana Lee from the sentence: the model reads it, the email is asked for, the run starts on yes — offer letter, the Director’s approval, then HR system, welcome email and calendar, each exactly once', async () => {
    const { page, browser, problems } = world.e2e;
    await chatComposer(page).press('Enter');
    const thread = chatThread(page);
    // The model read the sentence; what it does not say is asked for, never guessed (in the reply and on its question card).
    await thread.getByText(/To start “New-hire onboarding” I still need: email/).first().waitFor();
    expect(await thread.getByText(/fixed rules/).count()).toBe(0);
    await sendChatMessage(page, 'email: dana.lee@acme.test');
    await thread.getByText(`Shall I start “New-hire onboarding” with firstName: Dana, lastName: Lee, jobTitle: Senior Engineer, startDate: ${nextJanuaryFifth()}, salary: 150000, manager: Priya, email: dana.lee@acme.test?`).first().waitFor();
    // Nothing starts before the yes.
    expect(world.state()).toMatchObject({ inbox: [], calendar: [] });
    await sendChatMessage(page, 'yes');
    await thread.getByText(/Started “New-hire onboarding”/).first().waitFor();

    await thread.getByText(/We are delighted to offer you the position of Senior Engineer, reporting to Priya,/).waitFor();
    await thread.getByText(/waiting for Director \((Omar Haddad or )?Priya Shah\)/).first().waitFor();
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'hr-demo-waiting.png'), fullPage: true });
    // Nothing outside has happened before the approval.
    expect(world.state()).toMatchObject({ inbox: [], calendar: [] });
    expect(world.services.hris.created()).toEqual([]);

    await sendChatMessage(page, '/onboarding approve Welcome, Dana');
    await thread.getByText('Dana Lee is onboarded.').waitFor({ timeout: 60_000 });
    await thread.getByText(/on behalf of Director \((Omar Haddad or )?Priya Shah\)/).first().waitFor();
    expect(await thread.getByRole('link', { name: 'Demo inbox' }).last().getAttribute('href')).toBe(world.services.links.inbox);
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'hr-demo-done.png'), fullPage: true });

    await expectOnboardedOnce(world);
    // What the user sees behind the links.
    const inbox = await browser.context.newPage();
    await inbox.goto(world.services.links.inbox);
    await inbox.getByText('Welcome aboard, Dana!').waitFor();
    await inbox.goto(world.services.links.calendar);
    await inbox.getByText('First day: welcome Dana Lee').waitFor();
    await inbox.goto(world.services.links.hris);
    await inbox.getByRole('cell', { name: 'Dana Lee' }).waitFor();
    await inbox.close();
    expect(problems).toEqual([]);
  }, 180_000);
});
