/**
 * The agent's work inside the chat, end to end against the real local server with a scripted
 * model: approve, reject and modify a file action (checked on disk in STEWARD_HOME's workspace),
 * answer the Manager's question and see the task go on, watch a three-step plan's progress bar
 * reach 100%, and the pending-approvals badge and quick-command list appear and clear.
 * Screenshots go to test-artifacts/ui/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { NOTES, writeAgentWorkScript } from './support/agent-work-script.js';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { chatThread, sendChatMessage, startNewConversation } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';

describeInChromium('agent work in the chat (Chromium)', () => {
  // Only script errors count here; console lines are not checked in this suite.
  const e2e = browserSuite({ suite: 'work', script: writeAgentWorkScript, timeoutMs: 20_000, watch: { console: 'none' } });

  const workspace = (file: string) => path.join(e2e.home, 'profiles', 'default', 'workspace', file);
  const thread = () => chatThread(e2e.page);
  const nav = () => e2e.page.getByRole('navigation', { name: 'Main' });
  const approvalCard = (): Locator => thread().getByRole('article', { name: 'Approval request: Create a file' }).last();
  const screenshot = async (name: string, target?: Locator) => {
    await e2e.page.evaluate(() => document.fonts.ready);
    const file = path.join(UI_ARTIFACTS, name);
    if (target) await target.screenshot({ path: file, animations: 'disabled' });
    else await e2e.page.screenshot({ path: file, animations: 'disabled' });
  };
  const api = (method: string, input: unknown) => callApi(e2e.server, method, input);
  const newConversation = () => startNewConversation(e2e.page);
  const send = (text: string) => sendChatMessage(e2e.page, text);
  const setTheme = async (theme: 'light' | 'dark') => {
    await api('settings.update', { patch: { theme } });
    await e2e.page.waitForFunction((wanted) => document.documentElement.dataset.theme === wanted, theme);
  };

  beforeAll(async () => {
    // Writing a file is allowed without asking by default; this suite wants the approval card.
    await api('tools.setPermission', { tool: 'files.create', mode: 'ask' });
    await setTheme('light');
  });

  it('approve: the card shows the complete action, the badge counts it, and approving writes the file', async () => {
    await send('Please save the approved note');
    const card = approvalCard();
    await card.waitFor();
    const args = card.getByLabel('Arguments');
    await args.getByText(NOTES.approved.path, { exact: true }).waitFor();
    await args.getByText(NOTES.approved.content, { exact: true }).waitFor();
    // A proposed file write also shows as a change against the current file (here: a new file).
    const diff = card.getByRole('region', { name: `Proposed change to ${NOTES.approved.path}` });
    await diff.getByText('New file').waitFor();
    expect(await card.getByText('Local', { exact: true }).count()).toBe(1);
    await card.getByText('Cost estimate').waitFor();
    // A write on this computer costs nothing, and the card says so instead of "Unknown".
    await card.getByText('Free (runs on this computer)').waitFor();
    await card.getByText(/^at /).waitFor();

    const badge = nav().getByRole('link', { name: '1 approval waiting for you' });
    await badge.waitFor();
    expect(await badge.getAttribute('href')).toMatch(/^#\/c\//);
    // The buttons are reachable from the keyboard, in reading order.
    await card.getByRole('button', { name: 'Approve' }).focus();
    await e2e.page.keyboard.press('Tab');
    expect(await e2e.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Modify');
    await screenshot('approval-card-pending.png');

    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByText(/Approved by you/).waitFor();
    expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await badge.waitFor({ state: 'detached' });
    await thread().getByText(`Created ${NOTES.approved.path}`).first().waitFor();
    expect(readFileSync(workspace(NOTES.approved.path), 'utf8')).toBe(NOTES.approved.content);
    await screenshot('approval-card-resolved.png');
  }, 60_000);

  it('reject: a lost answer can be retried; the card shows the rejection, the chat says it did not run, no file is written', async () => {
    await newConversation();
    await send('Save the rejected note');
    const card = approvalCard();
    // The first answer is lost on the way: the card says so, stays pending, and Retry sends it again.
    await e2e.page.route('**/api/approvals.respond', (route) => route.abort('connectionreset'), { times: 1 });
    await card.getByRole('button', { name: 'Reject' }).click();
    const lost = card.getByRole('alert').filter({ hasText: 'did not reach Steward' });
    await lost.waitFor();
    expect(await card.getByText('Waiting for you').count()).toBe(1);
    await lost.getByRole('button', { name: 'Retry' }).click();
    await card.getByText(/Rejected by you/).waitFor();
    expect(await card.getByRole('alert').count()).toBe(0);
    await thread().getByText(/You rejected "files.create"/).first().waitFor();
    expect(existsSync(workspace(NOTES.rejected.path))).toBe(false);
  }, 60_000);

  it('modify: bad JSON and arguments the tool refuses are explained on the card; edited arguments are what runs', async () => {
    await newConversation();
    await send('Save the draft note');
    const card = approvalCard();
    await card.getByRole('button', { name: 'Modify' }).click();
    const editor = card.getByRole('textbox', { name: 'Arguments (JSON)' });
    expect(JSON.parse(await editor.inputValue())).toEqual(NOTES.draft);

    await editor.fill('{ "path": "notes/final.md", ');
    await card.getByRole('button', { name: 'Approve with changes' }).click();
    await card.getByRole('alert').filter({ hasText: 'not valid JSON' }).waitFor();
    expect(await editor.getAttribute('aria-invalid')).toBe('true');

    // Valid JSON, but not what files.create accepts: the core's message shows, the card stays pending.
    await editor.fill(JSON.stringify({ path: 42, content: 'x' }));
    await card.getByRole('button', { name: 'Approve with changes' }).click();
    const refusal = card.getByRole('alert').filter({ hasText: 'Not accepted.' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/path/);
    expect(await card.getByText('Waiting for you').count()).toBe(1);
    await screenshot('approval-card-modify-error.png', card);

    const edited = { path: 'notes/final.md', content: 'Edited by the user' };
    await editor.fill(JSON.stringify(edited, null, 2));
    await card.getByRole('button', { name: 'Approve with changes' }).click();
    await card.getByText(/Approved with changes by you/).waitFor();
    await card.getByLabel('Final arguments').getByText('notes/final.md', { exact: true }).waitFor();
    await thread().getByText('Created notes/final.md').first().waitFor();
    expect(readFileSync(workspace('notes/final.md'), 'utf8')).toBe('Edited by the user');
    expect(existsSync(workspace(NOTES.draft.path))).toBe(false);
  }, 60_000);

  it('clarification: the Manager’s question has its own reply box; answering it lets the task finish', async () => {
    await newConversation();
    await send('Plan the city guide for our guests');
    const card = thread().getByRole('article', { name: 'Question from the Manager' });
    await card.getByText('Which city is the guide for?').waitFor();
    await screenshot('clarification.png');

    const reply = card.getByRole('textbox', { name: 'Your answer to: Which city is the guide for?' });
    await reply.fill('Lisbon');
    await reply.press('Enter');
    await card.getByText('Your answer').waitFor();
    await card.getByText('Lisbon', { exact: true }).waitFor();
    const task = thread().getByRole('article', { name: /^Task: / }).last();
    await task.getByText('Done', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await task.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  }, 60_000);

  it('progress: a three-step task’s bar shows step i/3 and time left, the active-task panel follows it, and it ends at 100%', async () => {
    await newConversation();
    await send('Write the quarterly progress report');
    const task = thread().getByRole('article', { name: 'Task: Quarterly progress report' });
    const bar = task.getByRole('progressbar');
    await task.getByText('Step 2/3').waitFor({ timeout: 30_000 });
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
    await task.getByText(/min left|less than a minute left/).waitFor();
    await task.getByText('Write the report').waitFor();
    const panel = e2e.page.getByRole('region', { name: 'Active tasks' });
    await panel.getByText('Quarterly progress report').waitFor();
    await screenshot('task-progress.png', task);
    await screenshot('task-progress-panel.png');

    await task.getByText('Done', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    await task.getByText('3/3', { exact: false }).waitFor();
    await panel.waitFor({ state: 'detached' });
  }, 60_000);

  it('cancel: a running task asks before it stops, then shows Cancelled and leaves the active-task panel', async () => {
    await newConversation();
    await send('Start another progress report');
    const task = thread().getByRole('article', { name: 'Task: Quarterly progress report' });
    await task.getByText('Step 1/3').waitFor({ timeout: 30_000 });
    await task.getByRole('button', { name: 'Cancel' }).click();
    const confirm = task.getByRole('group', { name: 'Confirm cancel' });
    await confirm.getByRole('button', { name: 'Keep running' }).click();
    expect(await task.getByText('Running', { exact: true }).count()).toBe(1);
    await task.getByRole('button', { name: 'Cancel' }).click();
    await confirm.getByRole('button', { name: 'Yes, cancel task' }).click();
    await task.getByText('Cancelled', { exact: true }).waitFor();
    expect(await task.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    await e2e.page.getByRole('region', { name: 'Active tasks' }).waitFor({ state: 'detached' });
  }, 60_000);

  it('dark theme: a pending card and the badge; the quick-command window lists it and rejecting there clears both', async () => {
    await setTheme('dark');
    await newConversation();
    await send('Save the rejected note once more');
    const card = approvalCard();
    await card.getByRole('button', { name: 'Approve' }).waitFor();
    await nav().getByRole('link', { name: '1 approval waiting for you' }).waitFor();
    await screenshot('approval-card-pending-dark.png');

    const chat = e2e.page.url();
    await e2e.page.goto(chat.replace(/#.*$/, '#/quick'));
    const list = e2e.page.getByRole('region', { name: 'Approvals waiting for you' });
    await list.getByText('files.create', { exact: true }).waitFor();
    await screenshot('quick-command-approvals-dark.png');
    await list.getByRole('button', { name: 'Reject' }).click();
    await list.waitFor({ state: 'detached' });
    await e2e.page.goto(chat);
    await approvalCard().getByText(/Rejected by you/).waitFor();
    expect(await nav().getByRole('link', { name: /approvals? waiting/ }).count()).toBe(0);
    expect(existsSync(workspace(NOTES.rejected.path))).toBe(false);
    expect(e2e.problems).toEqual([]);
  }, 60_000);
});
