/**
 * The Schedules view in Chromium against the real local server: a sentence is shown back in
 * words before it is saved, a bad edit is refused with the reason and changes nothing, pausing
 * shows "Paused". Screenshots go to test-artifacts/ui/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { closeE2e, openChat, openPage, prepareE2eHome } from './support/chat-page.js';
import { describeInChromium, launchChromium, type Browser } from './support/chromium.js';
import { REPO_ROOT, startStewardServer, type StewardServer } from './support/steward-server.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts/ui');

describeInChromium('Schedules view (Chromium)', () => {
  let home: string;
  let server: StewardServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    home = prepareE2eHome(ARTIFACTS, 'schedules');
    server = await startStewardServer({ home });
    browser = await launchChromium();
    page = await openPage(browser, 20_000, problems, { console: 'none' });
    await openChat(page, server);
  }, 300_000);

  afterAll(async () => {
    await closeE2e(browser, server, home);
  }, 30_000);

  it('previews a sentence in words, saves it, refuses a bad edit, pauses', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).click();
    await page.getByRole('heading', { name: 'Schedules' }).waitFor();
    const form = page.getByRole('form', { name: 'New schedule' });
    await form.getByLabel('When and what').fill('send the weekly report whenever');
    await form.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('alert').getByText(/could not find when to run/).waitFor();

    await form.getByLabel('When and what').fill('every Monday at 9 send the weekly report to the team');
    await form.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('schedule-proposal').getByText('Every Monday at 09:00', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Save schedule' }).click();
    const row = page.getByRole('row', { name: /Send the weekly report to the team/ });
    await row.waitFor();

    await row.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Cron expression or date-time').fill('* * * * *');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').getByText(/more often than every 5 minutes/).waitFor();
    expect((await callApi<{ cron: string }[]>(server, 'schedules.list', {}))[0]?.cron).toBe('0 9 * * 1');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByText('Paused').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-schedules.png'), animations: 'disabled' });
  });
});
