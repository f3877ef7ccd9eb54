/**
 * The HR onboarding demo end to end in Chromium, as `npm run demo` runs it: the demo company's
 * mail server, calendar and HR system, the separate demo profile, the real local server. The
 * user types the demo sentence and follows it through to the summary; every outside effect must
 * have landed exactly once.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_REQUEST } from '../../src-main/core/demo/demo-company.js';
import { chatComposer, chatThread, closeE2e, openPage, prepareE2eHome, sendChatMessage } from './support/chat-page.js';
import { describeInChromium, launchChromium, type Browser } from './support/chromium.js';
import { expectOnboardedOnce, startDemoWorld, type DemoWorld } from './support/hr-demo-world.js';
import { REPO_ROOT } from './support/steward-server.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts/ui');
const UI_TIMEOUT = 30_000;

describeInChromium('HR onboarding demo in Chromium', () => {
  let home: string;
  let world: DemoWorld;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    home = prepareE2eHome(ARTIFACTS, 'hr-demo');
    world = await startDemoWorld(home);
    browser = await launchChromium();
    page = await openPage(browser, UI_TIMEOUT, problems);
  }, 300_000);

  afterAll(async () => {
    await world?.close();
    await closeE2e(browser, undefined, home);
  }, 30_000);

  it('opens on the demo company: says no language model is answering, offers the sentence and links the demo inbox, calendar and HR system', async () => {
    await page.goto(world.server.chatUrl);
    const panel = page.getByRole('region', { name: 'HR onboarding demo' });
    await panel.getByRole('heading', { name: /Acme Robotics/ }).waitFor();
    await panel.getByRole('note').getByText(/No language model is installed in this demo, so no AI is answering/).waitFor();
    expect(await panel.getByRole('link', { name: 'Demo inbox' }).getAttribute('href')).toBe(world.services.links.inbox);
    expect(await panel.getByRole('link', { name: 'Demo calendar' }).getAttribute('href')).toBe(world.services.links.calendar);
    expect(await panel.getByRole('link', { name: 'Demo HR system' }).getAttribute('href')).toBe(world.services.links.hris);
    // The demo is not offered again from inside itself.
    expect(await page.getByRole('button', { name: 'Try the demo' }).count()).toBe(0);

    await panel.getByRole('button', { name: DEMO_REQUEST }).click();
    await expect.poll(() => chatComposer(page).inputValue()).toBe(DEMO_REQUEST);
    await page.screenshot({ path: path.join(ARTIFACTS, 'hr-demo-start.png'), fullPage: true });

    // The HR system page the link opens lists the staff, the Director included, and not yet the new hire.
    const hris = await browser.context.newPage();
    await hris.goto(world.services.links.hris);
    await hris.getByRole('row', { name: /Priya Shah Director of Engineering/ }).waitFor();
    expect(await hris.getByRole('cell', { name: 'Dana Lee' }).count()).toBe(0);
    await hris.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('onboards Dana Lee from the sentence: offer letter previewed, the Director’s approval, then HR system, welcome email and calendar — each exactly once', async () => {
    await chatComposer(page).press('Enter');
    const thread = chatThread(page);
    await thread.getByText(/No language model is installed, so I read this request by fixed rules/).waitFor();
    await thread.getByText(/We are delighted to offer you the position of Senior Engineer, reporting to Priya Shah/).waitFor();
    await thread.getByText(/waiting for Director \((Omar Haddad or )?Priya Shah\)/).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'hr-demo-waiting.png'), fullPage: true });
    // Nothing outside has happened before the approval.
    expect(world.state()).toMatchObject({ inbox: [], calendar: [] });
    expect(world.services.hris.created()).toEqual([]);

    await sendChatMessage(page, '/onboarding approve Welcome, Dana');
    await thread.getByText('Dana Lee is onboarded.').waitFor({ timeout: 60_000 });
    await thread.getByText(/on behalf of Director \((Omar Haddad or )?Priya Shah\)/).first().waitFor();
    expect(await thread.getByRole('link', { name: 'Demo inbox' }).last().getAttribute('href')).toBe(world.services.links.inbox);
    await page.screenshot({ path: path.join(ARTIFACTS, 'hr-demo-done.png'), fullPage: true });

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
