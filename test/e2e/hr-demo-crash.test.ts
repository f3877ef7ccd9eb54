/**
 * The HR demo survives a crash — here on the path a demo with no language model takes (the
 * sentence read by fixed rules, which the panel says): the server is killed (SIGKILL) right after
 * the Director's approval, while the next step waits on its own approval card; started again, the
 * run carries on where it was. The card shown before the kill is the one still waiting — no second
 * card for the same call — and approving it runs the step once: the offer letter is not written
 * again, the employee, the welcome email and the first-day event each land exactly once, and the
 * chat keeps reporting it.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { DEMO_REQUEST } from '../../src-main/core/demo/demo-company.js';
import { callApi } from './support/api-client.js';
import { UI_ARTIFACTS } from './support/browser-suite.js';
import { chatThread, sendChatMessage } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';
import { expectOnboardedOnce, hrDemoSuite } from './support/hr-demo-world.js';

const APPROVE_COMMAND = /\/approve ([0-9a-f-]{36})/g;

describeInChromium('HR onboarding demo after a crash, in Chromium', () => {
  const world = hrDemoSuite({ suite: 'hr-demo-crash', timeoutMs: 30_000 });

  /** The approval ids the chat has shown (each once, however often it was mentioned). */
  const approvalIds = async (): Promise<string[]> => [...new Set([...(await chatThread(world.e2e.page).innerText()).matchAll(APPROVE_COMMAND)].map((m) => m[1]!))];
  const pendingApprovals = async () => (await callApi<{ id: string; tool: string }[]>(world.server, 'approvals.list', { status: 'pending' })).map((a) => `${a.tool}:${a.id}`);

  it('resumes the run after SIGKILL following the approval, keeps the one approval card, and finishes without repeating a step', async () => {
    const { page, problems } = world.e2e;
    // Creating the employee asks first, so the kill lands between the Director's approval and any outside change.
    await callApi(world.server, 'tools.setPermission', { tool: 'hris.createEmployee', mode: 'ask' });
    await page.goto(world.server.chatUrl);
    // No model in this demo: the panel says the sentence is read by fixed rules.
    await page.getByRole('region', { name: 'HR onboarding demo' }).getByRole('note').getByText(/No language model is installed in this demo, so no AI is answering/).waitFor();
    await sendChatMessage(page, DEMO_REQUEST);
    const thread = chatThread(page);
    await thread.getByText(/No language model is installed, so I read this request by fixed rules/).waitFor();
    await thread.getByText(/We are delighted to offer you the position of Senior Engineer, reporting to Priya Shah/).waitFor();
    await thread.getByText(/waiting for Director/).waitFor();
    await sendChatMessage(page, '/onboarding approve');
    await thread.getByText(/Create the employee in the HR system.* asks first/).waitFor();
    const [before] = await approvalIds();
    expect(before).toBeDefined();
    expect(await pendingApprovals()).toEqual([`hris.createEmployee:${before}`]);

    await world.server.kill();
    expect(world.services.hris.created()).toEqual([]);
    await world.restart();
    // Same address as before the crash: the open conversation comes back with a reload.
    await page.reload();
    await thread.getByText(/Create the employee in the HR system.* asks first/).waitFor();
    // The step picks up the card it showed before the kill: still pending, and no second one is asked.
    const [run] = await callApi<{ id: string }[]>(world.server, 'workflows.runs', {});
    await expect
      .poll(async () => (await callApi<{ timeline: { what: string }[] }>(world.server, 'workflows.run', { id: run!.id })).timeline.map((e) => e.what).join('\n'), { timeout: 60_000 })
      .toMatch(/Steward restarted; “Create the employee in the HR system” still waits for the approval it asked for/);
    expect(await pendingApprovals()).toEqual([`hris.createEmployee:${before}`]);
    expect(await approvalIds()).toEqual([before]);

    await sendChatMessage(page, `/approve ${before}`);
    await thread.getByText('Dana Lee is onboarded.').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'hr-demo-after-crash.png'), fullPage: true });
    // Approving the same card again changes nothing and runs nothing.
    const again = await callApi<{ applied: boolean }>(world.server, 'approvals.respond', { id: before, decision: 'approve' });
    expect(again.applied).toBe(false);

    await expectOnboardedOnce(world);
    expect(await approvalIds()).toEqual([before]);
    // The offer letter step finished before the kill and was not run again.
    const [conversation] = await callApi<{ id: string }[]>(world.server, 'conversations.list', {});
    const messages = await callApi<{ text: string }[]>(world.server, 'messages.list', { conversationId: conversation!.id });
    expect(messages.filter((m) => m.text.includes('Created Word document'))).toHaveLength(1);
    expect(problems).toEqual([]);
  }, 240_000);
});
