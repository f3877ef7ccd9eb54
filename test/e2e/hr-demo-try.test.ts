/**
 * "Try the demo" on first run, in Chromium: the user's own (empty) profile offers the HR demo;
 * the button starts it beside that profile and opens the demo's chat in a new tab, where the
 * sample company is shown. The user's profile gains no conversation, person or setting from it.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { closeE2e, openChat, openPage, prepareE2eHome } from './support/chat-page.js';
import { describeInChromium, launchChromium, type Browser } from './support/chromium.js';
import { REPO_ROOT, startStewardServer, type StewardServer } from './support/steward-server.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts/ui');
const UI_TIMEOUT = 30_000;

describeInChromium('Try the demo in Chromium', () => {
  let home: string;
  let server: StewardServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    home = prepareE2eHome(ARTIFACTS, 'hr-demo-try');
    server = await startStewardServer({ home, timeoutMs: 120_000 });
    browser = await launchChromium();
    page = await openPage(browser, UI_TIMEOUT, problems);
  }, 300_000);

  afterAll(async () => {
    await closeE2e(browser, server, home);
  }, 30_000);

  it('starts the demo from the first-run chat and opens it in a new tab, leaving this profile as it was', async () => {
    const settingsBefore = await callApi(server, 'settings.get', {});
    await openChat(page, server);
    const offer = page.getByRole('region', { name: 'Try the demo' });
    await offer.getByText(/Your own profile, keys and settings are not touched/).waitFor();
    const opened = browser.context.waitForEvent('page', { timeout: 150_000 });
    await offer.getByRole('button', { name: 'Try the demo' }).click();
    const demo = await opened;
    demo.setDefaultTimeout(UI_TIMEOUT);
    await demo.waitForLoadState();
    const panel = demo.getByRole('region', { name: 'HR onboarding demo' });
    await panel.getByRole('heading', { name: /Acme Robotics/ }).waitFor();
    await offer.getByRole('status').getByText(/The demo opened in a new tab/).waitFor();
    expect(new URL(demo.url()).port).not.toBe(String(server.port));
    await demo.screenshot({ path: path.join(ARTIFACTS, 'hr-demo-try.png'), fullPage: true });

    // Asking again finds the running demo instead of starting a second one.
    const again = await callApi<{ chatUrl: string }>(server, 'demo.start', {});
    expect(again.chatUrl.split('#')[0]).toBe(demo.url().split('#')[0]);
    // The user's own profile is as it was: no conversation, the same settings.
    expect(await callApi<unknown[]>(server, 'conversations.list', {})).toEqual([]);
    expect(await callApi(server, 'settings.get', {})).toEqual(settingsBefore);
    await demo.close();
    expect(problems).toEqual([]);
  }, 240_000);
});
