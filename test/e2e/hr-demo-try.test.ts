/**
 * "Try the demo" on first run, in Chromium: the user's own (empty) profile offers the HR demo;
 * the button starts it beside that profile and opens the demo's chat in a new tab, where the
 * sample company is shown. The user's profile gains no conversation, person or setting from it.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 30_000;

describeInChromium('Try the demo in Chromium', () => {
  const e2e = browserSuite({ suite: 'hr-demo-try', timeoutMs: UI_TIMEOUT });

  it('starts the demo from the first-run chat and opens it in a new tab, leaving this profile as it was', async () => {
    const { server, browser, page, problems } = e2e;
    const settingsBefore = await callApi(server, 'settings.get', {});
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
    await demo.screenshot({ path: path.join(UI_ARTIFACTS, 'hr-demo-try.png'), fullPage: true });

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
