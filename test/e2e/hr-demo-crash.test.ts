/**
 * The HR demo survives a crash: the server is killed (SIGKILL) right after the Director's
 * approval, while the next step waits for its own approval; started again, the run carries on
 * where it was — the offer letter is not written again, the employee, the welcome email and the
 * first-day event each land exactly once — and the chat keeps reporting it.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_REQUEST } from '../../src-main/core/demo/demo-company.js';
import { callApi } from './support/api-client.js';
import { chatThread, closeE2e, openPage, prepareE2eHome, sendChatMessage } from './support/chat-page.js';
import { describeInChromium, launchChromium, type Browser } from './support/chromium.js';
import { expectOnboardedOnce, startDemoWorld, type DemoWorld } from './support/hr-demo-world.js';
import { REPO_ROOT } from './support/steward-server.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts/ui');
const UI_TIMEOUT = 30_000;
const APPROVE_COMMAND = /\/approve ([0-9a-f-]{36})/g;

describeInChromium('HR onboarding demo after a crash, in Chromium', () => {
  let home: string;
  let world: DemoWorld;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    home = prepareE2eHome(ARTIFACTS, 'hr-demo-crash');
    world = await startDemoWorld(home);
    browser = await launchChromium();
    page = await openPage(browser, UI_TIMEOUT, problems);
  }, 300_000);

  afterAll(async () => {
    await world?.close();
    await closeE2e(browser, undefined, home);
  }, 30_000);

  const approvalIds = async (): Promise<string[]> => [...((await chatThread(page).innerText()).matchAll(APPROVE_COMMAND))].map((m) => m[1]!);

  it('resumes the run after SIGKILL following the approval and finishes without repeating a step', async () => {
    // Creating the employee asks first, so the kill lands between the Director's approval and any outside change.
    await callApi(world.server, 'tools.setPermission', { tool: 'hris.createEmployee', mode: 'ask' });
    await page.goto(world.server.chatUrl);
    await sendChatMessage(page, DEMO_REQUEST);
    const thread = chatThread(page);
    await thread.getByText(/waiting for Director/).waitFor();
    await sendChatMessage(page, '/onboarding approve');
    await thread.getByText(/Create the employee in the HR system.* asks first/).waitFor();
    const [before] = await approvalIds();
    expect(before).toBeDefined();

    await world.server.kill();
    expect(world.services.hris.created()).toEqual([]);
    await world.restart();
    // Same address as before the crash: the open conversation comes back with a reload.
    await page.reload();
    // The step that never ran is asked again after the restart: a new approval, in the same conversation.
    await expect.poll(async () => (await approvalIds()).filter((id) => id !== before), { timeout: 60_000 }).toHaveLength(1);
    const after = (await approvalIds()).find((id) => id !== before)!;
    await sendChatMessage(page, `/approve ${after}`);
    await thread.getByText('Dana Lee is onboarded.').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'hr-demo-after-crash.png'), fullPage: true });

    await expectOnboardedOnce(world);
    // The offer letter step finished before the kill and was not run again.
    const [conversation] = await callApi<{ id: string }[]>(world.server, 'conversations.list', {});
    const messages = await callApi<{ text: string }[]>(world.server, 'messages.list', { conversationId: conversation!.id });
    expect(messages.filter((m) => m.text.includes('Created Word document'))).toHaveLength(1);
    expect(problems).toEqual([]);
  }, 240_000);
});
