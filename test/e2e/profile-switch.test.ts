/**
 * Switch profile in Chromium against the real local server: the window acts for the owner by
 * default (the rail says who); a wrong password is refused in the dialog and changes nothing; the
 * Director signs in with her own password, the rail shows her, the offer letter's approval routed
 * to the Director is in her "Waiting for you", and she approves it as herself — the run's timeline
 * names "Director (Priya Shah)", not the owner on her behalf. Signing out returns the window to the
 * owner. Screenshots go to test-artifacts/ui/.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { describeInChromium } from './support/chromium.js';

const OFFER = [
  'id: offer-letter',
  'version: 1',
  'title: Offer letter',
  'inputs:',
  '  - { name: candidate, type: string }',
  'steps:',
  '  - id: director_approval',
  '    title: Approve the offer letter',
  '    approval:',
  '      to: { role: director }',
  '      request: "Approve the offer letter for {{inputs.candidate}}?"',
  '',
].join('\n');

describeInChromium('Switch profile (Chromium)', () => {
  const e2e = browserSuite({ suite: 'profile-switch', timeoutMs: 30_000 });

  it('the Director signs in, approves the offer letter as herself, and signing out returns to the owner', async () => {
    const owner = await callApi<{ name: string }>(e2e.server, 'people.me', {});
    const priya = await callApi<{ id: string }>(e2e.server, 'people.add', { name: 'Priya Shah', email: 'priya@acme.test', role: 'director', departments: ['engineering'] });
    await callApi(e2e.server, 'people.setPassword', { id: priya.id, password: 'priya-password-1' });
    await callApi(e2e.server, 'workflows.add', { text: OFFER, source: 'offer-letter.yaml' });
    await callApi(e2e.server, 'workflows.start', { workflowId: 'offer-letter', inputs: { candidate: 'Dana Lee' } });

    const { page } = e2e;
    const rail = page.getByRole('navigation', { name: 'Main' });
    const profile = rail.getByRole('button', { name: /^Acting as / });
    await expect.poll(() => profile.getAttribute('aria-label')).toBe(`Acting as ${owner.name} (Owner). Switch profile`);

    // A wrong password: refused in the dialog, still the owner.
    await profile.click();
    const dialog = page.getByRole('dialog', { name: 'Profile' });
    await dialog.getByText(`Acting as ${owner.name} — Owner`, { exact: false }).waitFor();
    await dialog.getByLabel('Email').fill('priya@acme.test');
    await dialog.getByLabel('Password').fill('not-her-password');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.getByRole('alert').getByText(/do not match a profile/).waitFor();
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'e2e-profile-switch-refused.png'), fullPage: true });

    // Her own password: the page reloads acting for her.
    await dialog.getByLabel('Password').fill('priya-password-1');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => rail.getByRole('button', { name: /^Acting as / }).getAttribute('aria-label'), { timeout: 30_000 }).toBe('Acting as Priya Shah (Director). Switch profile');
    expect(await rail.locator('[data-acting-person]').innerText()).toBe('Priya');

    // The offer letter's approval is hers; she approves it as herself.
    await rail.getByRole('link', { name: 'Workflows' }).click();
    const card = page.getByRole('article', { name: /Offer letter.*Approve the offer letter for Dana Lee\?/ });
    await card.getByText('For Director (Priya Shah)').waitFor();
    await card.getByLabel('Comment (optional)').fill('Welcome aboard');
    await card.getByRole('button', { name: 'Approve' }).click();
    const run = page.getByTestId('workflow-run-detail');
    const decided = run.locator('.workflow-timeline li').filter({ hasText: 'approved “Approve the offer letter”' });
    await decided.waitFor();
    const line = await decided.innerText();
    expect(line).toContain('Director (Priya Shah)');
    expect(line).not.toMatch(/on behalf/);
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'e2e-profile-switch-director-approved.png'), fullPage: true });
    const [summary] = await callApi<{ id: string }[]>(e2e.server, 'workflows.runs', {});
    const detail = await callApi<{ requests: { decidedBy: string | null }[] }>(e2e.server, 'workflows.run', { id: summary!.id });
    expect(detail.requests.map((r) => r.decidedBy)).toEqual(['Priya Shah']);

    // Sign out: back to the owner.
    await rail.getByRole('button', { name: /^Acting as Priya Shah/ }).click();
    await page.getByRole('dialog', { name: 'Profile' }).getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => rail.getByRole('button', { name: /^Acting as / }).getAttribute('aria-label'), { timeout: 30_000 }).toBe(`Acting as ${owner.name} (Owner). Switch profile`);
    expect(e2e.problems).toEqual([]);
  }, 180_000);
});
