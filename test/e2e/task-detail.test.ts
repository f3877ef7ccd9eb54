/**
 * The task detail view end to end, against the real local server with a scripted model: a planned
 * task writes a Word report, a workbook (revised once by the Supervisor) and a code file that a
 * later step rewrites. Proposed file writes wait for approval (files.create set to "ask") and are
 * accepted from the view's diff viewer; then the plan, steps, outputs, iterations, cost, log and
 * each file's preview are checked. Screenshots go to test-artifacts/ui/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { describeInChromium } from './support/chromium.js';
import { PLAN_TITLE, TASK_REQUEST, writeTaskDetailScript } from './support/task-detail-script.js';

const UI_TIMEOUT = 30_000;

describeInChromium('task detail view in Chromium', () => {
  const e2e = browserSuite({ suite: 'task', script: writeTaskDetailScript, timeoutMs: UI_TIMEOUT });
  let taskId: string;

  const screenshot = (name: string) => e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, name), animations: 'disabled' });
  const api = <T,>(method: string, input: unknown) => callApi<T>(e2e.server, method, input);
  const approvals = () => e2e.page.getByRole('region', { name: 'Waiting for your approval' });
  const dialog = () => e2e.page.getByRole('dialog');
  const openPreview = async (file: string) => {
    await e2e.page.getByRole('list', { name: 'Output files' }).getByRole('button', { name: new RegExp(file.replace('.', '\\.')) }).click();
    await dialog().getByRole('heading', { name: file }).waitFor();
  };
  const closePreview = async () => {
    await e2e.page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    // Every file write waits for the user, so the view's diff viewer decides them.
    await api('tools.setPermission', { tool: 'files.create', mode: 'ask' });
    await e2e.page.setViewportSize({ width: 1360, height: 940 });
  });

  it('says plainly when a task does not exist', async () => {
    await e2e.page.evaluate(() => (window.location.hash = '#/tasks/no-such-task'));
    await e2e.page.getByText('This task does not exist.').waitFor();
    await e2e.page.getByRole('link', { name: 'Go to the chat' }).waitFor();
  });

  it('follows a running task live and decides its proposed file writes from the diff viewer', async () => {
    await api('chat.send', { text: TASK_REQUEST });
    await expect
      .poll(async () => (await api<{ id: string; title: string }[]>('tasks.list', {})).find((t) => t.title === PLAN_TITLE)?.id ?? null, { timeout: UI_TIMEOUT })
      .not.toBeNull();
    taskId = (await api<{ id: string; title: string }[]>('tasks.list', {})).find((t) => t.title === PLAN_TITLE)!.id;
    await e2e.page.evaluate((id) => (window.location.hash = `#/tasks/${id}`), taskId);
    await e2e.page.getByRole('heading', { level: 1, name: PLAN_TITLE }).waitFor();

    // Step 3 writes a new file: the diff says so, all lines are additions.
    const firstWrite = approvals().getByRole('region', { name: 'Proposed change to total.ts' });
    await firstWrite.waitFor({ timeout: 60_000 });
    await firstWrite.getByText('New file').waitFor();
    await e2e.page.getByText('Step 3 of 4', { exact: true }).waitFor();
    expect(await firstWrite.locator('td[data-type="insert"]').count()).toBe(8);
    expect(await firstWrite.locator('td[data-type="delete"]').count()).toBe(0);
    await firstWrite.getByRole('button', { name: 'Accept change' }).click();

    // Step 4 rewrites it: side by side, old lines red on the left, new lines green on the right.
    const rewrite = approvals().getByRole('region', { name: 'Proposed change to total.ts' });
    await rewrite.getByRole('button', { name: 'Side by side' }).waitFor({ timeout: 60_000 });
    expect(await rewrite.getByRole('button', { name: 'Side by side' }).getAttribute('aria-pressed')).toBe('true');
    const deleted = rewrite.locator('td[data-type="delete"]');
    const inserted = rewrite.locator('td[data-type="insert"]');
    await expect.poll(() => deleted.count()).toBe(4);
    expect(await inserted.count()).toBe(3);
    expect(await deleted.first().textContent()).toContain('Adds up the amounts of a budget.');
    expect(await inserted.first().textContent()).toContain('rounded to cents');
    // Unchanged lines are on both sides with their numbers.
    expect(await rewrite.locator('td[data-type="equal"]').filter({ hasText: 'export const CURRENCY' }).count()).toBe(2);
    const deleteBg = await deleted.first().evaluate((el) => getComputedStyle(el).backgroundColor);
    const insertBg = await inserted.first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(deleteBg).not.toBe(insertBg);
    await rewrite.scrollIntoViewIfNeeded();
    await screenshot('diff.png');

    // The unified layout for narrow windows, reachable from the keyboard.
    await rewrite.getByRole('button', { name: 'Unified' }).focus();
    await e2e.page.keyboard.press('Enter');
    await expect.poll(() => rewrite.getByRole('button', { name: 'Unified' }).getAttribute('aria-pressed')).toBe('true');
    expect(await rewrite.locator('table.diff-table--unified').count()).toBe(1);
    await screenshot('diff-unified.png');
    await rewrite.getByRole('button', { name: 'Accept change' }).click();

    await e2e.page.locator('.tdv-status[data-status="succeeded"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => approvals().count()).toBe(0);
  }, 180_000);

  it('shows the request, plan, steps with outputs and iterations, cost, log and files', async () => {
    const main = e2e.page.getByRole('main');
    await main.getByText(TASK_REQUEST).waitFor();
    await main.getByText('A written report, a budget workbook and a small helper for the totals').waitFor();
    const steps = e2e.page.locator('.tdv-step');
    await expect.poll(() => steps.count()).toBe(4);
    // The detail refetches after the last task.updated event; the last step turns done with it.
    await expect.poll(() => e2e.page.locator('.tdv-step--succeeded').count()).toBe(4);
    expect(await steps.nth(0).locator('.tdv-tool').textContent()).toBe('documents.docx');
    // The Employee's report is Markdown.
    expect(await steps.nth(0).locator('.tdv-step__output strong').textContent()).toBe('report.docx');
    // The budget step went round twice, with the Supervisor's reasons.
    await steps.nth(1).getByText('Iteration 2/3: refining based on feedback').waitFor();
    await steps.nth(1).getByText('the sheet has no total row').waitFor();
    await e2e.page.getByText('4 of 4 steps done').waitFor();

    const log = e2e.page.getByRole('region', { name: 'Tool calls' });
    // docx, xlsx twice, files.create twice.
    await expect.poll(() => log.locator('tbody tr').count()).toBe(5);
    // The two file writes were approved by a person, the documents by the tool's "always" setting.
    expect(await log.getByRole('cell', { name: 'You', exact: true }).count()).toBe(2);
    expect(await log.getByRole('cell', { name: 'Allowed by setting', exact: true }).count()).toBe(3);
    await e2e.page.getByRole('list', { name: 'Cost by service' }).getByText('documents').waitFor();
    await e2e.page.getByLabel('Total cost $0.00').waitFor();

    const files = e2e.page.getByRole('list', { name: 'Output files' });
    await files.getByText('report.docx').waitFor();
    expect(await files.getByRole('button').allTextContents()).toEqual([
      expect.stringContaining('budget.xlsx'),
      expect.stringContaining('report.docx'),
      expect.stringContaining('total.ts'),
    ]);
    await e2e.page.getByRole('link', { name: 'Back to the conversation' }).waitFor();
    await log.scrollIntoViewIfNeeded();
    await screenshot('task-detail-log.png');
    await e2e.page.locator('.dash-body').evaluate((el) => el.scrollTo({ top: 0 }));
    await screenshot('task-detail.png');
    await e2e.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot('task-detail-dark.png');
    await e2e.page.emulateMedia({ colorScheme: 'light' });
  }, 60_000);

  it('previews the Word report, the workbook and the code file', async () => {
    await openPreview('report.docx');
    const doc = dialog().locator('.preview-document');
    await doc.getByRole('heading', { name: 'Revenue' }).waitFor();
    await doc.getByText('Revenue grew by 12% this quarter, led by the North region.').waitFor();
    await doc.getByRole('cell', { name: 'North' }).first().waitFor();
    expect(await dialog().getAttribute('aria-modal')).toBe('true');
    await screenshot('preview-docx.png');
    // Download gives the file itself (a Word file of the size listed), under its own name.
    const listed = (await api<{ files: { path: string; size: number }[] }>('artifacts.list', { taskId })).files.find((f) => f.path.endsWith('report.docx'))!;
    const [saved] = await Promise.all([e2e.page.waitForEvent('download'), dialog().getByRole('button', { name: 'Download' }).click()]);
    expect(saved.suggestedFilename()).toBe('report.docx');
    const downloaded = readFileSync((await saved.path())!);
    expect(downloaded.length).toBe(listed.size);
    expect(downloaded.subarray(0, 2).toString('latin1')).toBe('PK');
    await closePreview();

    await openPreview('budget.xlsx');
    const grid = dialog().getByRole('table');
    await grid.getByRole('columnheader', { name: 'Item' }).waitFor();
    await grid.getByRole('cell', { name: 'Rent' }).waitFor();
    await grid.getByRole('cell', { name: '420' }).waitFor();
    // The Supervisor's second iteration added the total row.
    await grid.getByRole('cell', { name: 'Total', exact: true }).waitFor();
    await dialog().getByRole('tab', { name: 'Notes' }).waitFor();
    await screenshot('preview-xlsx.png');
    await dialog().getByRole('tab', { name: 'Budget' }).focus();
    await e2e.page.keyboard.press('ArrowRight');
    await dialog().getByRole('cell', { name: 'Figures in EUR' }).waitFor();
    await closePreview();

    await openPreview('total.ts');
    const code = dialog().getByRole('region', { name: 'Contents of total.ts' });
    await code.waitFor();
    expect(await code.getAttribute('data-highlighted')).toBe('true');
    expect(await code.locator('.hljs-keyword').count()).toBeGreaterThan(3);
    expect(await code.locator('.preview-code__number').count()).toBe(7);
    expect(await code.textContent()).toContain('Math.round(sum * 100) / 100');
    await screenshot('preview-code.png');
    await e2e.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot('preview-code-dark.png');
    await e2e.page.emulateMedia({ colorScheme: 'light' });
    await closePreview();
    // Focus returns to the file that opened the preview.
    expect(await e2e.page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('total.ts');
    expect(e2e.problems).toEqual([]);
  }, 120_000);
  it('the finished task’s card in the conversation lists what it produced and opens each preview', async () => {
    await e2e.page.getByRole('link', { name: 'Back to the conversation' }).click();
    const card = e2e.page.getByRole('log', { name: 'Messages' }).getByRole('article', { name: `Task: ${PLAN_TITLE}` });
    const produced = card.getByRole('list', { name: 'Files the task produced' });
    await produced.waitFor({ timeout: UI_TIMEOUT });
    expect(await produced.getByRole('button').allTextContents()).toEqual(['budget.xlsx', 'report.docx', 'total.ts']);
    await card.screenshot({ path: path.join(UI_ARTIFACTS, 'task-outputs.png') });
    await produced.getByRole('button', { name: 'report.docx' }).click();
    await dialog().locator('.preview-document').getByRole('heading', { name: 'Revenue' }).waitFor();
    await e2e.page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(e2e.problems).toEqual([]);
  }, 60_000);
  it('says so on the card, with the way to the details, when the files cannot be listed', async () => {
    await e2e.page.route('**/api/artifacts.list', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'Disk unavailable.' } }) }));
    try {
      await e2e.page.reload();
      const card = e2e.page.getByRole('log', { name: 'Messages' }).getByRole('article', { name: `Task: ${PLAN_TITLE}` });
      await card.getByText(/Couldn’t list the files this task produced/).waitFor({ timeout: UI_TIMEOUT });
      expect(await card.getByRole('link', { name: 'Open the details' }).getAttribute('href')).toMatch(/^#\/tasks\//);
    } finally {
      await e2e.page.unroute('**/api/artifacts.list');
    }
  }, 60_000);
});
