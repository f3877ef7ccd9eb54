/**
 * The Workflows screen in Chromium against the real local server: the shipped definitions are
 * listed (one that cannot start now says why, by line), one is started from its inputs, the run
 * waits for "Manager (Hana Kim)", then "Director (Priya Shah)"; the owner approves on their behalf
 * from "Waiting for you", the timeline advances with who, when and the comment, and the run goes
 * on to its email step (email is not set up here, so it fails and offers Retry). A definition
 * with a cycle and an unknown tool is refused with the line and reason and nothing is added; a
 * correct one is added to the list. Screenshots go to test-artifacts/ui/.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { describeInChromium } from './support/chromium.js';

/** The shipped four, with a manager and one director but nobody in Finance: the three routed to Finance show their ids. */
const SHIPPED_NOW = ['Expense approval (v1)', 'new-hire-onboarding (v1)', 'offer-approval (v1)', 'vendor-payment (v1)'];

/** Line 6 waits for "b", which waits for "a" (a cycle), and line 9 calls a tool that does not exist. */
const BROKEN = 'id: desk-order\nversion: 1\ntitle: Desk order\nsteps:\n  - id: a\n    after: [b]\n    tool: documents.docx\n  - id: b\n    tool: furniture.order\n    after: [a]\n';
const GOOD = 'id: desk-order\nversion: 1\ntitle: Desk order\ninputs:\n  - { name: item, type: string }\nsteps:\n  - id: ok\n    title: The Director approves\n    approval:\n      to: { role: director }\n      request: "Order {{inputs.item}}?"\n';

describeInChromium('Workflows screen (Chromium)', () => {
  const e2e = browserSuite({ suite: 'workflows-screen', timeoutMs: 30_000 });

  it('lists the definitions, starts one, shows who it waits for, takes the approvals and advances the timeline', async () => {
    // A manager and one director; nobody holds Finance, so the definitions routed there cannot start.
    await callApi(e2e.server, 'people.add', { name: 'Priya Shah', email: 'priya@acme.test', role: 'director', departments: ['engineering'] });
    await callApi(e2e.server, 'people.add', { name: 'Hana Kim', email: 'hana@acme.test', role: 'manager', departments: ['hr'] });
    const { page } = e2e;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('heading', { name: 'Workflows', exact: true }).first().waitFor();

    const start = page.getByRole('form', { name: 'Start a workflow' });
    const picker = start.getByLabel('Workflow');
    // The four shipped definitions; one that cannot load now is listed by its id.
    await expect.poll(async () => (await picker.locator('option').allInnerTexts()).filter((t) => t !== 'Choose…').sort()).toEqual(SHIPPED_NOW);
    await picker.selectOption({ label: 'offer-approval (v1)' });
    await start.getByRole('alert').getByText(/line \d+: .*finance/i).waitFor();
    expect(await start.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true);

    await picker.selectOption({ label: 'Expense approval (v1)' });
    await start.getByLabel('requester', { exact: true }).fill('Sam Ortiz');
    await start.getByLabel('requesterEmail', { exact: true }).fill('sam@acme.test');
    await start.getByLabel('amount', { exact: true }).fill('2500');
    await start.getByLabel('purpose', { exact: true }).fill('a conference trip');
    await start.getByRole('button', { name: 'Start', exact: true }).click();

    const run = page.getByTestId('workflow-run-detail');
    const timeline = run.getByRole('list').last();
    await timeline.getByText('started “Expense approval” (version 1) from the Workflows screen').waitFor();
    await run.getByRole('status').getByText('waiting for Manager (Hana Kim)').waitFor();
    const inbox = page.getByRole('article');

    // The owner answers for the manager from "Waiting for you"; the run records both names and the comment.
    const managerCard = page.getByRole('article', { name: /Expense approval: Approve Sam Ortiz's expense of USD 2500 for a conference trip/ });
    await managerCard.getByText('For Manager (Hana Kim)').waitFor();
    await managerCard.getByLabel('Comment (optional)').fill('Within the travel budget');
    await managerCard.getByRole('button', { name: 'Approve' }).click();

    // Above $1,000: the timeline moves on and the run now waits for the Director, by name.
    await run.getByRole('status').getByText('waiting for Director (Priya Shah)').waitFor();
    await timeline.getByText('Within the travel budget').waitFor();
    await timeline.getByText('asked Director (Priya Shah): “The expense of USD 2500 for a conference trip is above USD 1,000: approve it”').waitFor();
    const before = await timeline.locator('li').count();
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'e2e-workflows-waiting.png'), fullPage: true });

    const directorCard = page.getByRole('article', { name: /Expense approval: The expense of USD 2500/ });
    await directorCard.getByText('For Director (Priya Shah)').waitFor();
    await directorCard.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing is waiting for your approval or answer.').waitFor();
    expect(await inbox.count()).toBe(0);

    // The email step runs next; email is not set up in this profile, so it fails and says so, with Retry.
    await run.getByRole('button', { name: 'Retry step' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => timeline.locator('li').count()).toBeGreaterThan(before);
    const emailStep = run.getByRole('list').first().getByRole('listitem').filter({ hasText: 'Tell the requester' });
    expect(await emailStep.innerText()).toMatch(/^failed\s*Tell the requester[\s\S]*email\.send/);
    expect(await run.getByRole('status').count()).toBe(0);
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'e2e-workflows-after-approval.png'), fullPage: true });

    const [summary] = await callApi<{ id: string }[]>(e2e.server, 'workflows.runs', {});
    const detail = await callApi<{ steps: { stepId: string; status: string }[]; timeline: { comment: string | null }[] }>(e2e.server, 'workflows.run', { id: summary!.id });
    expect(detail.steps.map((s) => `${s.stepId}:${s.status}`)).toEqual(['manager_approval:succeeded', 'director_approval:succeeded', 'tell_requester:failed']);
    expect(detail.timeline.filter((e) => e.comment === 'Within the travel budget')).toHaveLength(1);
    expect(e2e.problems).toEqual([]);
  }, 180_000);

  it('refuses a definition with a cycle and an unknown tool, with the line and reason, and adds a correct one', async () => {
    const { page } = e2e;
    const add = page.getByRole('form', { name: 'Add a workflow' });
    await add.getByLabel('Definition (YAML or JSON)').fill(BROKEN);
    await add.getByLabel('File name').fill('desk-order.yaml');
    await add.getByRole('button', { name: 'Add workflow' }).click();
    const error = add.getByRole('alert');
    await error.getByText(/The workflow desk-order\.yaml cannot be loaded/).waitFor();
    const text = await error.innerText();
    expect(text).toMatch(/line 6: the steps wait for each other in a cycle \(a → b → a\)/);
    expect(text).toMatch(/line 9: step "b" calls the tool "furniture\.order", which is not installed in this Steward/);
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'e2e-workflows-refused.png'), fullPage: true });
    // Nothing was added, and the text stays to be fixed.
    expect((await callApi<{ id: string }[]>(e2e.server, 'workflows.list', {})).map((w) => w.id)).not.toContain('desk-order');
    expect(await add.getByLabel('Definition (YAML or JSON)').inputValue()).toBe(BROKEN);

    await add.getByLabel('Definition (YAML or JSON)').fill(GOOD);
    await add.getByRole('button', { name: 'Add workflow' }).click();
    await add.getByRole('status').getByText('Added “Desk order” (v1); it is in the list above.').waitFor();
    expect(await add.getByRole('alert').count()).toBe(0);
    const picker = page.getByRole('form', { name: 'Start a workflow' }).getByLabel('Workflow');
    await expect.poll(async () => picker.locator('option').allInnerTexts()).toContain('Desk order (v1)');
    expect(e2e.problems).toEqual([]);
  }, 120_000);
});
