/**
 * People in the everyday UI, in Chromium against the real local server: the owner opening a
 * person's conversation gets no message box, Edit or Regenerate there (the server would refuse
 * them) but a note saying how to write as them; the navigation rail scrolls in a short window, so its last places are
 * reached by click and by keyboard; the quick command says whom it acts for — the owner in the
 * owner's tab (the desktop quick window never signs in), the person in a tab where they signed in.
 * Screenshots go to test-artifacts/ui/.
 */
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { chatComposer } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';

describeInChromium('People in the everyday UI (Chromium)', () => {
  const e2e = browserSuite({ suite: 'people-everyday', timeoutMs: 30_000 });
  let ownerName = '';
  let samToken = '';

  // Runs once the chat is open (registered after browserSuite).
  beforeAll(async () => {
    ownerName = (await callApi<{ name: string }>(e2e.server, 'people.me', {})).name;
    const sam = await callApi<{ id: string }>(e2e.server, 'people.add', { name: 'Sam Park', email: 'sam@acme.test', role: 'employee' });
    samToken = (await callApi<{ token: string }>(e2e.server, 'people.issueToken', { id: sam.id })).token;
  });

  /** chat.send as Sam, the way his signed-in tab sends it (the person header beside the bearer token). */
  async function sendAsSam(text: string): Promise<void> {
    const res = await fetch(`${e2e.server.origin}/api/chat.send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${e2e.server.token}`, 'x-steward-person': samToken },
      body: JSON.stringify({ text }),
    });
    expect(res.status).toBe(200);
  }

  it('the owner reads a person’s conversation without a message box, and is told how to write there', async () => {
    const { page } = e2e;
    await sendAsSam('Order more printer paper');
    const list = page.getByRole('navigation', { name: 'Conversation list' });
    const item = list.getByRole('button', { name: /Order more printer paper.*Sam Park’s conversation · read only/ });
    // Near its top-left corner: the row's action buttons sit over its middle and right.
    await item.click({ position: { x: 12, y: 12 } });
    await page.getByRole('log', { name: 'Messages' }).getByText('Order more printer paper').first().waitFor();
    // Sam's words are read out as Sam's, not as the owner's own ("You said").
    await page.getByRole('article', { name: 'Sam Park said' }).first().waitFor();
    expect(await page.getByRole('article', { name: 'You said' }).count()).toBe(0);
    const note = page.getByRole('note', { name: 'Read only' });
    await note.waitFor();
    expect(await note.innerText()).toContain('This is Sam Park’s conversation, so you can read it here but not write in it. Sign in as Sam Park to write here');
    expect(await chatComposer(page).count()).toBe(0);
    // Nor the other ways of writing there (the server refuses them too): no Edit on the message, no Regenerate.
    expect(await page.getByRole('button', { name: 'Edit message' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Regenerate reply' }).count()).toBe(0);
    // Its sidebar row keeps Delete (the owner may) but offers no rename, pin or folder (refused there too).
    await list.getByRole('button', { name: 'Delete “Order more printer paper”' }).waitFor({ state: 'attached' });
    expect(await list.getByRole('button', { name: /^(Rename|Move|Pin|Unpin) “Order more printer paper”/ }).count()).toBe(0);
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'e2e-people-read-only-conversation.png'), fullPage: true });

    // The owner's own conversation has the message box again.
    await page.getByRole('button', { name: 'New conversation' }).click();
    await chatComposer(page).waitFor();
    expect(await note.count()).toBe(0);
  }, 90_000);

  it('in a short window (1000×560) the navigation rail scrolls: its last place is reached by click and by keyboard', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 1000, height: 560 });
    const rail = page.getByRole('navigation', { name: 'Main' });
    // The rail really is taller than the window here, so this is the case that was unreachable.
    await expect.poll(() => rail.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);

    await rail.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'e2e-nav-rail-short-window.png') });

    // Keyboard: Home then End move focus through the rail, and the focused place is scrolled into view.
    const inView = (name: string) => rail.getByRole('link', { name, exact: true }).evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    await rail.getByRole('link', { name: 'Settings', exact: true }).focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-nav'))).toBe('chat');
    await expect.poll(() => inView('Chat')).toBe(true);
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-nav'))).toBe('settings');
    await expect.poll(() => inView('Settings')).toBe(true);

    // The very last thing in the rail, the profile button, opens its dialog.
    await rail.getByRole('button', { name: /^Acting as / }).click();
    const dialog = page.getByRole('dialog', { name: 'Profile' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 90_000);

  it('the quick command says whom it acts for: the owner in the owner’s tab, the signed-in person in theirs (and sends as them)', async () => {
    const ownerQuick = await e2e.browser.context.newPage();
    try {
      await ownerQuick.setViewportSize({ width: 640, height: 150 });
      await ownerQuick.goto(`${e2e.server.origin}/chat/#/quick&token=${e2e.server.token}`);
      const line = ownerQuick.locator('[data-quick-acting-for]');
      await line.waitFor();
      expect(await line.innerText()).toBe(`Acts for the owner, ${ownerName}, always: Switch profile in the main window does not apply here.`);
      await ownerQuick.screenshot({ path: path.join(UI_ARTIFACTS, 'e2e-quick-acting-for-owner.png') });
    } finally {
      await ownerQuick.close();
    }

    const samQuick = await e2e.browser.context.newPage();
    try {
      // Sam's tab: his session token is in the tab, as after Switch profile.
      await samQuick.addInitScript((token) => window.sessionStorage.setItem('steward.person-token', token), samToken);
      await samQuick.setViewportSize({ width: 640, height: 150 });
      await samQuick.goto(`${e2e.server.origin}/chat/#/quick&token=${e2e.server.token}`);
      const line = samQuick.locator('[data-quick-acting-for]');
      await line.waitFor();
      expect(await line.innerText()).toBe('Acts for Sam Park (Employee), who signed in here.');
      const input = samQuick.getByRole('textbox', { name: 'Tell Steward what to do' });
      await input.fill('Book the team lunch');
      await input.press('Enter');
      await samQuick.getByRole('status').filter({ hasText: 'Sent “Book the team lunch”' }).waitFor();
    } finally {
      await samQuick.close();
    }
    // The owner's list labels it as Sam's.
    const conversations = await callApi<{ title: string; person?: { name: string } }[]>(e2e.server, 'conversations.list', {});
    expect(conversations.find((c) => c.title.includes('Book the team lunch'))?.person?.name).toBe('Sam Park');
    expect(e2e.problems).toEqual([]);
  }, 90_000);
});
