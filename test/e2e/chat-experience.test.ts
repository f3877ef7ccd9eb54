/**
 * The chat experience end to end, against the real local server with a scripted model: Markdown
 * replies (table, highlighted code with Copy), agents with badges and typing indicators, inert
 * malicious Markdown/HTML, a 200k-character reply, quick actions, and a failed send retried after
 * the server comes back without losing the draft. Screenshots go to test-artifacts/.
 */
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { browserSuite } from './support/browser-suite.js';
import { chatComposer, chatThread, scriptedProviderEnv, sendChatMessage, startNewConversation } from './support/chat-page.js';
import { writeChatScript } from './support/chat-script.js';
import { describeInChromium } from './support/chromium.js';
import { REPO_ROOT, startStewardServer } from './support/steward-server.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const UI_TIMEOUT = 20_000;

describeInChromium('chat experience in Chromium', () => {
  const e2e = browserSuite({ suite: 'chatx', script: writeChatScript, timeoutMs: UI_TIMEOUT });
  const dialogs: string[] = [];

  const screenshot = (name: string) => e2e.page.screenshot({ path: path.join(ARTIFACTS, name), animations: 'disabled' });
  const composer = () => chatComposer(e2e.page);
  const thread = () => chatThread(e2e.page);
  const history = () => e2e.page.getByLabel('Message history');
  const newConversation = () => startNewConversation(e2e.page);
  const send = (text: string) => sendChatMessage(e2e.page, text);

  beforeAll(async () => {
    await e2e.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.server.origin });
    e2e.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  it('renders a streamed reply as Markdown: headings, a table, a highlighted code block with Copy, safe links', async () => {
    await send('Show me the markdown demo');
    const reply = thread().getByRole('article', { name: 'Steward says' }).filter({ hasText: 'Quarterly summary' });
    await reply.getByRole('heading', { name: 'Quarterly summary' }).waitFor();
    // The link is the last line: once it is there the whole reply has streamed in.
    await reply.getByRole('link', { name: 'the report' }).waitFor();
    await expect.poll(() => reply.getAttribute('aria-busy')).toBeNull();
    await reply.getByRole('table').getByRole('cell', { name: 'North' }).waitFor();
    expect(await reply.locator('strong').first().textContent()).toBe('what changed');

    const code = reply.getByRole('group', { name: 'typescript code' });
    await code.waitFor();
    expect(await code.locator('.hljs-keyword').count()).toBeGreaterThan(0);
    expect(await code.locator('.hljs-comment').textContent()).toBe('// add them up');

    const link = reply.getByRole('link', { name: 'the report' });
    expect(await link.getAttribute('href')).toBe('https://example.com/report');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');

    await code.getByRole('button', { name: 'Copy code' }).click();
    await code.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await e2e.page.evaluate(() => navigator.clipboard.readText())).toContain('return values.reduce((sum, v) => sum + v, 0);');
    await screenshot('e2e-chat-markdown.png');
    await e2e.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot('e2e-chat-markdown-dark.png');
    await e2e.page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows which agent speaks, with a typing indicator per agent that clears when the work is done', async () => {
    await newConversation();
    await composer().fill('Please prepare a welcome pack for Dana');
    await composer().press('Enter');
    const indicator = e2e.page.getByRole('status').filter({ hasText: /Manager is planning…/ });
    await indicator.waitFor();
    await screenshot('e2e-chat-agents-typing.png');

    const manager = thread().getByRole('article', { name: 'Manager says' });
    await manager.first().waitFor();
    expect(await manager.first().locator('.agent-badge--manager').textContent()).toBe('Manager');
    await e2e.page.getByRole('status').filter({ hasText: /(Employee|Supervisor) is \w+/ }).first().waitFor();
    await thread().getByText(/^Finished: Welcome pack/).waitFor({ timeout: 60_000 });
    // Task over: nobody is typing any more.
    await expect.poll(() => e2e.page.locator('.agent-activity').count(), { timeout: UI_TIMEOUT }).toBe(0);
    await screenshot('e2e-chat-agents.png');
  }, 90_000);

  it('keeps malicious Markdown and HTML inert: no script, no image, no javascript: link, no dialog', async () => {
    await newConversation();
    await send('show me the payload');
    const reply = thread().getByRole('article', { name: 'Steward says' }).filter({ hasText: 'Attempted payloads' });
    await reply.getByText('raw link', { exact: false }).first().waitFor();
    // The raw HTML is visible as text, never as elements.
    await reply.getByText('<script>window.__xss = "script"</script>').waitFor();
    // So is HTML inside a code block with no language.
    await reply.locator('.code-block').getByText(`<img src=x onerror="window.__xss = 'fenced-img'; alert('fenced')">`).waitFor();
    expect(await reply.locator('script, img, iframe, svg:not([aria-hidden]), object, embed').count()).toBe(0);
    const hrefs = await reply.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.every((href) => /^(https?:|mailto:)/.test(href))).toBe(true);
    // Clicking the would-be javascript: link does nothing.
    await reply.getByText('click me').click();
    expect(await e2e.page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await screenshot('e2e-chat-xss.png');
  });

  it('renders a 200k-character reply with a huge code block and stays responsive', async () => {
    await newConversation();
    await send('a huge reply please');
    await thread().getByText('END OF HUGE REPLY').waitFor({ timeout: 60_000 });
    // The page still answers a click: a quick action fills the box.
    await e2e.page.getByRole('toolbar', { name: 'Quick actions' }).getByRole('button', { name: 'Send email' }).click();
    expect(await composer().inputValue()).toBe('Send an email to ');
    expect(await composer().evaluate((el) => el === document.activeElement)).toBe(true);
    // Only rows near the viewport are in the DOM.
    expect(await e2e.page.locator('.thread-row').count()).toBeLessThan(40);
    await history().evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await e2e.page.getByRole('button', { name: 'Jump to latest' }).click();
    await expect.poll(() => history().evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 4), { timeout: UI_TIMEOUT }).toBe(true);
    await thread().getByText('END OF HUGE REPLY').waitFor();
    await screenshot('e2e-chat-huge.png');
    await composer().fill('');
  }, 120_000);

  it('quick actions send the right message in one click', async () => {
    await newConversation();
    await e2e.page.getByRole('toolbar', { name: 'Quick actions' }).getByRole('button', { name: 'Check status' }).click();
    await thread().getByText('What is the status of my tasks?').waitFor();
    await thread().getByText('Sure — happy to help.').waitFor();
  });

  it('a send that fails while the server is down shows an inline error with Retry, keeps the draft, and the retry goes through', async () => {
    await composer().fill('Draft typed while the server restarts');
    const port = e2e.server.port;
    await e2e.server.stop();
    await e2e.page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor();
    await composer().press('Enter');
    const error = e2e.page.getByRole('alert').filter({ has: e2e.page.getByRole('button', { name: 'Retry' }) });
    await error.waitFor();
    expect(await composer().inputValue()).toBe('Draft typed while the server restarts');
    await screenshot('e2e-chat-send-failed.png');

    e2e.server = await startStewardServer({ home: e2e.home, port, env: scriptedProviderEnv(e2e.home, writeChatScript) });
    await expect.poll(() => e2e.page.getByText('Reconnecting…').count(), { timeout: 30_000 }).toBe(0);
    expect(await composer().inputValue()).toBe('Draft typed while the server restarts');
    await error.getByRole('button', { name: 'Retry' }).click();
    await thread().getByText('Draft typed while the server restarts').waitFor();
    expect(await composer().inputValue()).toBe('');
  }, 90_000);

  it('ran without script errors or Content-Security-Policy violations', () => {
    expect(e2e.problems).toEqual([]);
  });
});
