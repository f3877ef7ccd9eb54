/**
 * The dashboards end to end, against the real local server (scripted model, real SQLite, real
 * keychain, a real SMTP server, a local HTTP server standing in for the model mirror): each one is
 * opened from the navigation rail and used the way a person would. Screenshots of every dashboard
 * (light, some dark) go to test-artifacts/ui/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFileServer, type FileServer } from '../integration/models/helpers/file-server.js';
import { tinyChatGguf } from '../integration/models/helpers/test-catalog.js';
import { startSmtpFixture, type SmtpFixture } from '../unit/tools/helpers/smtp-fixture.js';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { describeInChromium } from './support/chromium.js';
import { memoryImportFile, stallingCatalog, writeDashboardsScript } from './support/dashboards-fixtures.js';

const UI_TIMEOUT = 20_000;
/** Each test walks a whole dashboard; on a loaded two-core CI machine that can pass vitest's 30 s default. */
const LONG_FLOW_TIMEOUT = 90_000;
const SMTP_USER = 'steward@acme.test';
const SMTP_PASSWORD = 'correct-horse-battery-staple';
const CLOUD_KEY = 'sk-test-0123456789abcdefghijklmnop';

describeInChromium('dashboards in Chromium', () => {
  let files: FileServer;
  let smtp: SmtpFixture;
  let model: Buffer;

  // The fakes start first (this beforeAll is registered before the suite's) and stop last.
  beforeAll(async () => {
    // The model mirror: sends the first 64 kB of the file, then stalls with the connection open.
    files = await startFileServer();
    model = tinyChatGguf(7);
    files.files.set('/tiny-chat.gguf', { content: model });
    files.switches.stallAfterBytes = 64 * 1024;
    files.switches.chunkBytes = 8 * 1024;
    smtp = await startSmtpFixture({ user: SMTP_USER, password: SMTP_PASSWORD });
  });
  afterAll(async () => {
    await smtp?.close();
    await files?.close();
  });

  const e2e = browserSuite({
    suite: 'dash',
    script: writeDashboardsScript,
    timeoutMs: UI_TIMEOUT,
    // Rejected requests (the bad budget below) log "Failed to load resource"; that is the point of them.
    watch: { console: 'errors', ignore: /Failed to load resource/ },
    prepareHome: (home) => {
      writeFileSync(path.join(home, 'catalog.json'), JSON.stringify(stallingCatalog(files.url('/tiny-chat.gguf'), model.length)));
      // A .gguf already on disk, for "Import".
      writeFileSync(path.join(home, 'my-assistant.gguf'), tinyChatGguf(9));
    },
    env: (home) => ({ STEWARD_MODEL_CATALOG: path.join(home, 'catalog.json') }),
  });

  /**
   * The dashboards scroll inside their own pane, so a full-page shot would stop at the window:
   * the window is made as tall as the content for the picture, then put back.
   */
  const screenshot = async (name: string) => {
    await e2e.page.evaluate(() => document.fonts.ready);
    const height = await e2e.page.evaluate(() => {
      const body = document.querySelector('.dash-body');
      const header = document.querySelector('.dash-header');
      return body && header ? Math.ceil(header.getBoundingClientRect().height + body.scrollHeight) : 800;
    });
    await e2e.page.setViewportSize({ width: 1280, height: Math.min(2400, Math.max(800, height)) });
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, `${name}.png`), animations: 'disabled' });
    await e2e.page.setViewportSize({ width: 1280, height: 800 });
  };
  const nav = () => e2e.page.getByRole('navigation', { name: 'Main' });
  const open = async (label: string, heading: string) => {
    // A dialog a failed step left open would block the rail for every later step.
    if ((await e2e.page.locator('dialog[open]').count()) > 0) await e2e.page.keyboard.press('Escape');
    await nav().getByRole('link', { name: label }).click();
    await e2e.page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  const setTheme = async (theme: 'light' | 'dark') => {
    await api('settings.update', { patch: { theme } });
    await expect.poll(() => e2e.page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
  };
  const api = (method: string, input: unknown) => callApi(e2e.server, method, input);

  it('Router: before any model call, says so instead of drawing empty charts', async () => {
    await open('Router', 'Router');
    await e2e.page.getByText('No model calls recorded in this period.').waitFor();
    await e2e.page.getByRole('img', { name: /Local 0% of calls/ }).waitFor();
    await screenshot('router-empty');
  }, LONG_FLOW_TIMEOUT);

  it('Memory: empty state, import, categories, search, edit with history, delete, export, analytics, settings', async () => {
    await open('Memory', 'Memory');
    const facts = e2e.page.getByRole('list', { name: 'Facts', exact: true });
    await e2e.page.getByText(/Nothing here yet\. Tell Steward about your business in the chat/).waitFor();
    await screenshot('memory-empty');

    // Import an export file through the page's own file picker.
    const importFile = path.join(e2e.home, 'memory.json');
    writeFileSync(importFile, memoryImportFile());
    await e2e.page.getByTestId('memory-import-input').setInputFiles(importFile);
    await e2e.page.getByText('Imported 4 facts, 3 entities').waitFor();
    await facts.getByText('GB123456789').waitFor();
    expect(await facts.getByRole('listitem').count()).toBe(4);

    // By category: Team shows only Bob.
    await e2e.page.getByRole('tab', { name: /^Team/ }).click();
    await expect.poll(() => facts.getByRole('listitem').count()).toBe(1);
    await facts.getByText('bob@acme.test').waitFor();
    await e2e.page.getByRole('tab', { name: /^All/ }).click();
    await expect.poll(() => facts.getByRole('listitem').count()).toBe(4);

    // Analytics: totals and the per-category bars.
    const glance = e2e.page.getByRole('region', { name: 'At a glance' });
    await glance.getByText('Current facts').waitFor();
    expect(await e2e.page.getByRole('list', { name: 'Facts per category' }).getByRole('listitem').filter({ hasText: 'Company' }).textContent()).toContain('2');
    await screenshot('memory');

    // Search.
    await e2e.page.getByRole('searchbox', { name: 'Search memory' }).fill('Bristol');
    await e2e.page.getByRole('button', { name: 'Search', exact: true }).click();
    await e2e.page.getByRole('heading', { name: /Search results \(1\)/ }).waitFor();
    await facts.getByText('Bristol').waitFor();
    await e2e.page.getByRole('button', { name: 'Clear search' }).click();
    await expect.poll(() => facts.getByRole('listitem').count()).toBe(4);

    // Edit the VAT number; the history keeps the old value.
    await e2e.page.getByRole('button', { name: 'Edit Acme Bakery vat_number' }).click();
    const form = e2e.page.getByRole('form', { name: 'Edit fact about Acme Bakery' });
    await form.getByLabel('Value').fill('GB987654321');
    await form.getByRole('button', { name: 'Save' }).click();
    await facts.getByText('GB987654321').waitFor();
    await e2e.page.getByRole('button', { name: 'History of Acme Bakery vat_number' }).click();
    const history = e2e.page.getByRole('dialog', { name: /History/ });
    await history.waitFor();
    // An edit changes the fact in place; its history names the old and the new value.
    await history.getByRole('listitem').filter({ hasText: 'GB987654321' }).first().waitFor();
    await history.getByText(/edited by the user: value: GB123456789 → GB987654321/).waitFor();
    await screenshot('memory-history');
    await history.getByRole('button', { name: 'Close' }).click();
    await history.waitFor({ state: 'hidden' });

    // Delete one, after confirming.
    await e2e.page.getByRole('button', { name: 'Delete Website relaunch deadline' }).click();
    const confirm = e2e.page.getByRole('dialog', { name: 'Delete this fact?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await e2e.page.getByText('Deleted 1 fact.').waitFor();
    await expect.poll(() => facts.getByRole('listitem').count()).toBe(3);
    expect(await facts.getByText('March 2026').count()).toBe(0);

    // Export: a real download in each format.
    const [json] = await Promise.all([e2e.page.waitForEvent('download'), e2e.page.getByRole('button', { name: 'Export JSON' }).click()]);
    const jsonText = readFileSync((await json.path()) ?? '', 'utf8');
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    expect(JSON.parse(jsonText)).toMatchObject({ format: 'steward-memory' });
    expect(jsonText).toContain('GB987654321');
    const [markdown] = await Promise.all([e2e.page.waitForEvent('download'), e2e.page.getByRole('button', { name: 'Export Markdown' }).click()]);
    expect(markdown.suggestedFilename()).toMatch(/\.md$/);
    expect(readFileSync((await markdown.path()) ?? '', 'utf8')).toContain('bob@acme.test');

    // Settings: switching learning off greys out the per-category choices, and on again.
    const learning = e2e.page.getByRole('region', { name: 'Learning' });
    const memoryOn = learning.getByRole('switch', { name: /Memory on/ });
    expect(await memoryOn.isChecked()).toBe(true);
    await memoryOn.click();
    await expect.poll(() => memoryOn.isChecked()).toBe(false);
    await expect.poll(() => learning.getByRole('checkbox', { name: 'Team' }).isDisabled()).toBe(true);
    expect(((await api('memory.settings.get', {})) as { enabled: boolean }).enabled).toBe(false);
    await memoryOn.click();
    await expect.poll(() => memoryOn.isChecked()).toBe(true);

    // Personal information kept out of memory: health details by default, food allergies when asked.
    const dietary = learning.getByRole('checkbox', { name: 'Food allergies and dietary needs' });
    expect(await learning.getByRole('checkbox', { name: /^Health details/ }).isChecked()).toBe(true);
    expect(await dietary.isChecked()).toBe(false);
    await dietary.click();
    await expect.poll(async () => ((await api('memory.settings.get', {})) as { withhold: { dietary: boolean } }).withhold.dietary).toBe(true);
  }, LONG_FLOW_TIMEOUT);

  it('Models: empty state, download with progress and cancel, import, default, hardware fit, local API toggle', async () => {
    await open('Models', 'Models');
    const empty = e2e.page.getByTestId('models-empty');
    await empty.getByText('No model installed — download the recommended one').waitFor();
    const hardware = e2e.page.getByRole('region', { name: 'This computer' });
    // The first hardware probe loads llama.cpp's native library: tens of seconds on a loaded machine.
    await hardware.getByText('CPU cores').waitFor({ timeout: 60_000 });
    await e2e.page.getByRole('region', { name: 'Catalog' }).getByText(/^Fits/).waitFor();
    await screenshot('models-empty');

    // Download: the mirror stalls after 64 kB, so the bar shows partial progress; then cancel.
    await empty.getByRole('button', { name: 'Download Tiny Chat' }).click();
    const bar = e2e.page.getByRole('progressbar', { name: 'Downloading Tiny Chat' });
    await bar.waitFor();
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    await e2e.page.getByRole('region', { name: 'Catalog' }).getByText(/kB of/).waitFor();
    await screenshot('models-downloading');
    await e2e.page.getByRole('region', { name: 'Catalog' }).getByRole('button', { name: 'Cancel' }).click();
    await bar.waitFor({ state: 'hidden' });
    await e2e.page.getByRole('region', { name: 'Catalog' }).getByRole('button', { name: /Resume|Download/ }).waitFor();

    // Import a .gguf from disk, then make it the default.
    const installed = e2e.page.getByRole('region', { name: 'Installed' });
    await installed.getByLabel('Import a .gguf file', { exact: true }).fill(path.join(e2e.home, 'my-assistant.gguf'));
    await installed.getByRole('button', { name: 'Import', exact: true }).click();
    await e2e.page.getByText(/^Imported /).waitFor();
    await installed.getByText('my-assistant.gguf').waitFor();
    await empty.waitFor({ state: 'detached' });
    const useDefault = installed.getByRole('button', { name: 'Use as default' });
    if ((await useDefault.count()) > 0) await useDefault.click();
    // Setting a default first checks the model fits this computer (llama.cpp reads it): slow under load.
    await installed.getByText('default chat').waitFor({ timeout: 60_000 });

    // The local OpenAI-compatible API: on shows where it listens, off stops it.
    const localApi = e2e.page.getByRole('switch', { name: /OpenAI-compatible API/ });
    await localApi.click();
    await e2e.page.getByText(/Listening at/).waitFor();
    expect(((await api('settings.get', {})) as { llm: { localApi: { enabled: boolean } } }).llm.localApi.enabled).toBe(true);
    await screenshot('models');
    await localApi.click();
    await e2e.page.getByText(/Listening at/).waitFor({ state: 'detached' });

    // Context per request: automatic by default; a fixed length is saved to the settings.
    const contextSelect = e2e.page.getByLabel('Context per request');
    expect(await contextSelect.inputValue()).toBe('auto');
    await contextSelect.selectOption({ label: '16,384 tokens' });
    await expect.poll(async () => ((await api('settings.get', {})) as { llm: { contextSize: number | 'auto' } }).llm.contextSize).toBe(16_384);
    await contextSelect.selectOption('auto');
    await expect.poll(async () => ((await api('settings.get', {})) as { llm: { contextSize: number | 'auto' } }).llm.contextSize).toBe('auto');
    // Two llama.cpp waits of up to a minute each (above) on a loaded machine.
  }, 2 * LONG_FLOW_TIMEOUT);

  it('Router: local vs cloud share, spend over time, failure rate per model', async () => {
    // Model calls through the chat (scripted model): three good replies, one failure.
    const { id: conversationId } = (await api('conversations.create', {})) as { id: string };
    for (const text of ['hello', 'what is on today', 'thanks']) await api('chat.send', { conversationId, text });
    await api('chat.send', { conversationId, text: 'please break' }).catch(() => undefined);
    await expect
      .poll(async () => ((await api('router.stats', { days: 30 })) as { failures: { failures: number }[] }).failures.reduce((n, f) => n + f.failures, 0), { timeout: UI_TIMEOUT })
      .toBeGreaterThan(0);

    await open('Audit', 'Audit log');
    await open('Router', 'Router');
    await e2e.page.getByRole('img', { name: /Local 100% of calls, cloud 0%/ }).waitFor();
    await e2e.page.getByRole('img', { name: /Cloud spend and local savings per day over the last 30 days: \$0 spent, \$0\.\d+ saved/ }).waitFor();
    const failures = e2e.page.getByRole('region', { name: 'Failures per model' });
    const row = failures.getByRole('row').filter({ hasText: 'scripted-model' });
    await row.waitFor();
    expect(await row.getByRole('cell').last().textContent()).toMatch(/^[1-9]\d*%$/);
    await screenshot('router');
  }, LONG_FLOW_TIMEOUT);

  it('Integrations & keys: SMTP against a real server (connected, wrong password, never shown back, removed), cloud key', async () => {
    await open('Integrations', 'Integrations & keys');
    const card = e2e.page.getByRole('region', { name: 'Email (SMTP)' });
    await card.getByText('not set up').waitFor();
    await screenshot('integrations-empty');

    const server = card.getByRole('form', { name: 'SMTP server' });
    await server.getByLabel('Server').fill('127.0.0.1');
    await server.getByLabel('Port').fill(String(smtp.port));
    await server.getByLabel('Security').selectOption('none');
    await server.getByLabel('User name').fill(SMTP_USER);
    await server.getByLabel('From address').fill(SMTP_USER);
    await server.getByRole('button', { name: 'Save server' }).click();
    await card.getByText('set up', { exact: true }).waitFor();

    const password = card.getByLabel('Password', { exact: true });
    await password.fill(SMTP_PASSWORD);
    await card.getByRole('button', { name: 'Save to keychain' }).click();
    await card.getByTestId('secret-Password').getByText('•••• set').waitFor();
    // Write-only: the field is emptied and the secret appears nowhere on the e2e.page.
    expect(await card.getByLabel('Replace password').inputValue()).toBe('');
    expect(await e2e.page.content()).not.toContain(SMTP_PASSWORD);

    await card.getByRole('button', { name: 'Test connection' }).click();
    await card.getByText(/Connected to 127\.0\.0\.1:\d+ and accepted the login/).waitFor();
    expect(smtp.authAttempts.at(-1)?.username).toBe(SMTP_USER);
    await screenshot('integrations');

    // A wrong password: a clear failure that never echoes it.
    await card.getByLabel('Replace password').fill('wrong-password');
    await card.getByRole('button', { name: 'Save to keychain' }).click();
    await e2e.page.getByText('SMTP password saved to the keychain.').waitFor();
    await card.getByRole('button', { name: 'Test connection' }).click();
    const failure = card.getByRole('alert').filter({ hasText: /password|login|authentication/i });
    await failure.waitFor();
    expect(await failure.textContent()).not.toContain('wrong-password');
    await screenshot('integrations-smtp-failed');

    await card.getByRole('button', { name: 'Remove', exact: true }).click();
    await card.getByTestId('secret-Password').getByText('not set').waitFor();

    // Cloud key: saved (shown only as set), then removed.
    const cloud = e2e.page.getByRole('region', { name: 'Cloud model' });
    await cloud.getByLabel('API key', { exact: true }).fill(CLOUD_KEY);
    await cloud.getByRole('button', { name: 'Save to keychain' }).click();
    await cloud.getByTestId('secret-API key').getByText('•••• set').waitFor();
    expect(await e2e.page.content()).not.toContain(CLOUD_KEY);
    await cloud.getByRole('button', { name: 'Remove', exact: true }).click();
    await cloud.getByTestId('secret-API key').getByText('not set').waitFor();
  }, LONG_FLOW_TIMEOUT);

  it('Audit log: rows, a filter, and "Verify chain" says intact', async () => {
    await open('Audit', 'Audit log');
    const table = e2e.page.getByRole('table');
    await table.waitFor();
    const rows = () => table.locator('tbody tr');
    expect(await rows().count()).toBeGreaterThan(2);
    const all = await rows().count();

    await e2e.page.getByRole('textbox', { name: 'Action' }).fill('secret');
    await expect.poll(rows).not.toBe(all);
    await expect.poll(() => rows().count()).toBeLessThan(all);
    await expect.poll(() => rows().count()).toBeGreaterThan(0);
    for (const text of await table.locator('tbody tr td:nth-child(4)').allTextContents()) expect(text.toLowerCase()).toContain('secret');
    await e2e.page.getByRole('textbox', { name: 'Action' }).fill('no-such-action');
    await e2e.page.getByText(/^No loaded entry matches these filters\./).waitFor();
    await e2e.page.getByRole('textbox', { name: 'Action' }).fill('');

    await e2e.page.getByRole('button', { name: 'Verify chain' }).click();
    await e2e.page.getByTestId('audit-verify-result').getByText('Chain intact.').waitFor();
    await screenshot('audit');
  }, LONG_FLOW_TIMEOUT);

  it('Settings: tool permission, budgets with an inline error, shortcut, theme applies at once', async () => {
    await open('Settings', 'Settings');
    await screenshot('settings');
    // Where "the details were written to the log" points: the log file's path is on this screen.
    const info = (await api('app.info', {})) as { logFile: string; databasePath: string };
    await e2e.page.getByText(info.logFile, { exact: true }).waitFor();
    await e2e.page.getByText(info.databasePath, { exact: true }).waitFor();

    // A tool permission: Never, saved on the server.
    const tools = (await api('tools.list', {})) as { name: string; title: string; permission: string; canAlwaysAllow: boolean }[];
    const tool = tools.find((t) => t.canAlwaysAllow) ?? tools[0];
    expect(tool).toBeDefined();
    // Listed by the tool's name for people, not its id.
    const group = e2e.page.getByRole('radiogroup', { name: `Permission for ${tool?.title}` });
    // The radios are styled as a segmented control: people click the visible label.
    await group.getByText('Never', { exact: true }).click();
    await expect.poll(() => group.getByRole('radio', { name: 'Never' }).isChecked()).toBe(true);
    await expect
      .poll(async () => ((await api('tools.list', {})) as { name: string; permission: string }[]).find((t) => t.name === tool?.name)?.permission)
      .toBe('never');

    // Budgets: a bad value gets an inline error naming the field, and nothing is saved.
    const budgets = e2e.page.getByRole('form', { name: 'Budgets' });
    const daily = budgets.getByLabel('Daily budget (USD)');
    const before = ((await api('settings.get', {})) as { budgets: { dailyUsd: number } }).budgets.dailyUsd;
    await daily.fill('-5');
    await budgets.getByRole('button', { name: 'Save budgets' }).click();
    const error = budgets.locator('[data-field-error]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Daily budget \(USD\) /);
    expect(await daily.getAttribute('aria-invalid')).toBe('true');
    await screenshot('settings-budget-error');
    expect(((await api('settings.get', {})) as { budgets: { dailyUsd: number } }).budgets.dailyUsd).toBe(before);
    await daily.fill('12.5');
    await budgets.getByRole('button', { name: 'Save budgets' }).click();
    await error.waitFor({ state: 'detached' });
    await expect.poll(async () => ((await api('settings.get', {})) as { budgets: { dailyUsd: number } }).budgets.dailyUsd).toBe(12.5);

    // Shortcut.
    const quick = e2e.page.getByRole('form', { name: 'Quick command' });
    await quick.getByLabel('Shortcut').fill('CommandOrControl+Alt+K');
    await quick.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => ((await api('settings.get', {})) as { quickCommandShortcut: string }).quickCommandShortcut).toBe('CommandOrControl+Alt+K');

    // Theme: the page changes colour as soon as the option is picked.
    const background = () => e2e.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const themes = e2e.page.getByRole('radiogroup', { name: 'Theme' });
    await themes.getByText('Light', { exact: true }).click();
    await expect.poll(() => e2e.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    const light = await background();
    await themes.getByText('Dark', { exact: true }).click();
    await expect.poll(() => e2e.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(background).not.toBe(light);
    await screenshot('settings-dark');
  }, LONG_FLOW_TIMEOUT);

  it('looks right in dark: every dashboard renders and the screenshots are kept', async () => {
    await setTheme('dark');
    for (const [label, heading, name] of [
      ['Memory', 'Memory', 'memory-dark'],
      ['Models', 'Models', 'models-dark'],
      ['Router', 'Router', 'router-dark'],
      ['Integrations', 'Integrations & keys', 'integrations-dark'],
      ['Audit', 'Audit log', 'audit-dark'],
    ] as const) {
      await open(label, heading);
      await e2e.page.waitForLoadState('networkidle').catch(() => undefined);
      await screenshot(name);
    }
    await setTheme('light');
  }, LONG_FLOW_TIMEOUT);

  it('keyboard: Tab reaches the nav rail and the dashboard with a visible focus ring; dialogs are modal dialogs', async () => {
    await open('Memory', 'Memory');
    await e2e.page.locator('body').click({ position: { x: 5, y: 795 } });
    await e2e.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const focusRing = () =>
      e2e.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        // The app draws focus as a ring (box-shadow) or an outline; either one counts.
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        return { tag: el.tagName, nav: el.closest('nav') !== null, visible: outline || style.boxShadow !== 'none' };
      });
    const seen: { tag: string; nav: boolean; visible: boolean }[] = [];
    // Tab on until focus has been in the rail and then in the dashboard (the rail grows with the app).
    for (let i = 0; i < 40 && !(seen.some((r) => r.nav) && seen.some((r) => !r.nav)); i++) {
      await e2e.page.keyboard.press('Tab');
      const ring = await focusRing();
      if (ring) seen.push(ring);
    }
    expect(seen.some((r) => r.nav)).toBe(true);
    expect(seen.some((r) => !r.nav)).toBe(true);
    expect(seen.filter((r) => !r.visible)).toEqual([]);

    // Arrow keys move within the rail.
    await nav().getByRole('link', { name: 'Memory' }).focus();
    await e2e.page.keyboard.press('ArrowDown');
    expect(await e2e.page.evaluate(() => document.activeElement?.textContent)).toBe('Knowledge');
    await screenshot('keyboard-focus');

    await e2e.page.getByRole('button', { name: 'Clear…' }).click();
    const dialog = e2e.page.getByRole('dialog', { name: 'Clear all memory?' });
    await dialog.waitFor();
    expect(await dialog.evaluate((el) => (el as HTMLDialogElement).open && el.matches(':modal'))).toBe(true);
    await e2e.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(e2e.problems).toEqual([]);
  }, LONG_FLOW_TIMEOUT);
});
