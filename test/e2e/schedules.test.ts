/**
 * The Schedules view in Chromium against the real local server: a sentence is shown back in
 * words before it is saved, a bad edit is refused with the reason and changes nothing, pausing
 * shows "Paused". Screenshots go to test-artifacts/ui/.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { describeInChromium } from './support/chromium.js';

describeInChromium('Schedules view (Chromium)', () => {
  const e2e = browserSuite({ suite: 'schedules', timeoutMs: 20_000, watch: { console: 'none' } });

  it('previews a sentence in words, saves it, refuses a bad edit, pauses', async () => {
    await e2e.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).click();
    await e2e.page.getByRole('heading', { name: 'Schedules' }).waitFor();
    const form = e2e.page.getByRole('form', { name: 'New schedule' });
    await form.getByLabel('When and what').fill('send the weekly report whenever');
    await form.getByRole('button', { name: 'Preview' }).click();
    await e2e.page.getByRole('alert').getByText(/could not find when to run/).waitFor();

    await form.getByLabel('When and what').fill('every Monday at 9 send the weekly report to the team');
    await form.getByRole('button', { name: 'Preview' }).click();
    await e2e.page.getByTestId('schedule-proposal').getByText('Every Monday at 09:00', { exact: false }).waitFor();
    await e2e.page.getByRole('button', { name: 'Save schedule' }).click();
    const row = e2e.page.getByRole('row', { name: /Send the weekly report to the team/ });
    await row.waitFor();

    await row.getByRole('button', { name: 'Edit' }).click();
    await e2e.page.getByLabel('Cron expression or date-time').fill('* * * * *');
    await e2e.page.getByRole('button', { name: 'Save', exact: true }).click();
    await e2e.page.getByRole('alert').getByText(/more often than every 5 minutes/).waitFor();
    expect((await callApi<{ cron: string }[]>(e2e.server, 'schedules.list', {}))[0]?.cron).toBe('0 9 * * 1');
    await e2e.page.getByRole('button', { name: 'Cancel' }).click();

    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByText('Paused').waitFor();
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'e2e-schedules.png'), animations: 'disabled' });
  });
});
