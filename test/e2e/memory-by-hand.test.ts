/**
 * Memory by hand (issue 17), in Chromium against the real local server: a fact typed on the Memory
 * screen is kept as the user's own statement ("you told me"), an empty or over-long one is refused
 * under the box with nothing stored, and editing it keeps the old value in its history.
 */
import { expect, it } from 'vitest';
import { browserSuite } from './support/browser-suite.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 30_000;

describeInChromium('memory by hand in Chromium', () => {
  const e2e = browserSuite({ suite: 'memory-by-hand', timeoutMs: UI_TIMEOUT, watch: { console: 'errors', ignore: /Failed to load resource/ } });

  it('adds a fact as the user\'s own, refuses an empty or over-long one, and an edit keeps the history', async () => {
    const { page } = e2e;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Memory' }).click();
    await page.getByRole('heading', { level: 1, name: 'Memory' }).waitFor();
    const facts = page.getByRole('list', { name: 'Facts', exact: true });
    const form = page.getByRole('form', { name: 'Add a fact' });
    const box = form.getByRole('textbox', { name: 'Add a fact' });

    // Empty and over-long are refused under the box; nothing is stored and the text stays to fix.
    await form.getByRole('button', { name: 'Add fact' }).click();
    await form.getByText('is empty — write the fact, for example “Sarah Lee is our CFO”').waitFor();
    await box.fill(`Sarah Lee is our CFO ${'and more '.repeat(60)}`);
    await form.getByRole('button', { name: 'Add fact' }).click();
    await form.getByText('is too long (max 500 characters) — write one fact at a time').waitFor();
    expect(await box.inputValue()).toContain('and more');
    expect(await facts.getByRole('listitem').count()).toBe(0);

    // A fact in the user's words: listed at once as something "you told me", and the box empties.
    await box.fill('Sarah Lee is our CFO');
    await form.getByRole('button', { name: 'Add fact' }).click();
    await page.getByText(/I'll remember that Sarah Lee/).first().waitFor();
    const row = facts.getByRole('listitem').filter({ hasText: 'Sarah Lee' });
    await row.getByText('you told me').waitFor();
    await expect.poll(() => box.inputValue()).toBe('');
    expect(await form.getByText(/is empty|is too long/).count()).toBe(0);

    // Edit it by hand: an empty value is refused, a new one is saved and the history keeps the old.
    const predicate = (await row.locator('.fact-predicate').textContent())!.replace(/ /g, '_');
    await page.getByRole('button', { name: `Edit Sarah Lee ${predicate}` }).click();
    const edit = page.getByRole('form', { name: 'Edit fact about Sarah Lee' });
    const oldValue = await edit.getByLabel('Value').inputValue();
    await edit.getByLabel('Value').fill('  ');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByText('must not be empty').waitFor();
    await edit.getByLabel('Value').fill('Chief Financial Officer');
    await edit.getByRole('button', { name: 'Save' }).click();
    await facts.getByText('Chief Financial Officer').waitFor();
    await page.getByRole('button', { name: `History of Sarah Lee ${predicate}` }).click();
    const history = page.getByRole('dialog', { name: /History/ });
    await history.getByText(`edited by the user: value: ${oldValue} → Chief Financial Officer`).waitFor();
    await history.getByRole('button', { name: 'Close' }).click();
    await history.waitFor({ state: 'hidden' });
    expect(e2e.problems).toEqual([]);
  }, 120_000);
});
