/**
 * The Integrations screen in Chromium: connecting a SQLite database (its file chosen with
 * Browse…) and BambooHR (company domain and API key) with the forms on their cards, "Test
 * connection" saying who and what Steward is connected to, and a bad value refused under its field.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBamboohrFake, type BamboohrFake } from '../fakes/bamboohr-fake.js';
import { seedSqlite } from '../integration/database/support.js';
import { callApi } from './support/api-client.js';
import { closeE2e, openPage, prepareE2eHome } from './support/chat-page.js';
import { hasChromium, launchChromium, MISSING_CHROMIUM, type Browser } from './support/chromium.js';
import { REPO_ROOT, startStewardServer, type StewardServer } from './support/steward-server.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts/ui');
const UI_TIMEOUT = 30_000;
const chromiumPresent = hasChromium();

describe.skipIf(!chromiumPresent)(chromiumPresent ? 'database and HRIS connections in Chromium' : `database and HRIS connections (skipped: ${MISSING_CHROMIUM})`, () => {
  let home: string;
  let server: StewardServer;
  let browser: Browser;
  let page: Page;
  let fake: BamboohrFake;
  let file: string;
  const problems: string[] = [];

  beforeAll(async () => {
    fake = await startBamboohrFake();
    file = seedSqlite();
    home = prepareE2eHome(ARTIFACTS, 'workplace-connections');
    server = await startStewardServer({ home });
    browser = await launchChromium();
    page = await openPage(browser, UI_TIMEOUT, problems);
  }, 300_000);

  afterAll(async () => {
    await closeE2e(browser, server, home);
    await fake?.close();
    if (file) rmSync(path.dirname(file), { recursive: true, force: true });
  }, 30_000);

  it('connects a SQLite file and BambooHR from their cards and tests both', async () => {
    // The API base URL is for test servers and has no field on the screen.
    await callApi(server, 'settings.update', { patch: { integrations: { bamboohr: { companyDomain: 'wrong', apiBaseUrl: fake.url } } } });
    await page.goto(server.chatUrl);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();

    const sqlite = page.getByRole('region', { name: 'SQLite database' });
    await sqlite.getByRole('textbox', { name: 'Database file' }).fill('company.db');
    await sqlite.getByRole('button', { name: 'Save', exact: true }).click();
    await sqlite.getByText(/must be a full path/).waitFor();
    // The file is chosen with Browse… (in a browser: the in-app browser of this computer's folders).
    // The first listing is held back while the user types a folder: its arrival must not wipe what
    // they typed (it once did, and Go then opened the home folder).
    let releaseFirstListing!: () => void;
    const firstListingHeld = new Promise<void>((resolve) => (releaseFirstListing = resolve));
    await page.route('**/api/files.browse', async (route) => {
      await firstListingHeld;
      await route.continue();
    }, { times: 1 });
    await sqlite.getByRole('button', { name: 'Browse for Database file' }).click();
    const chooser = page.getByRole('dialog', { name: 'Choose a file: Database file' });
    await chooser.getByRole('textbox', { name: 'Folder' }).fill(path.dirname(file));
    releaseFirstListing();
    await chooser.getByRole('list', { name: /^Contents of \// }).waitFor();
    expect(await chooser.getByRole('textbox', { name: 'Folder' }).inputValue()).toBe(path.dirname(file));
    await chooser.getByRole('button', { name: 'Go' }).click();
    await chooser.getByRole('button', { name: /^company\.db/ }).click();
    await chooser.getByText(`Chosen: ${file}`).waitFor();
    await chooser.getByRole('button', { name: 'Choose', exact: true }).click();
    await chooser.waitFor({ state: 'hidden' });
    expect(await sqlite.getByRole('textbox', { name: 'Database file' }).inputValue()).toBe(file);
    await sqlite.getByRole('button', { name: 'Save', exact: true }).click();
    await sqlite.getByRole('button', { name: 'Test connection' }).click();
    await sqlite.getByText(new RegExp(`Connected to the SQLite database ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(SQLite 3\\.`)).waitFor();

    const hris = page.getByRole('region', { name: 'BambooHR (HRIS)' });
    await hris.getByRole('textbox', { name: 'Company domain' }).fill('acme');
    await hris.getByRole('button', { name: 'Save', exact: true }).click();
    // The test keyring is shared by the whole run: another suite may have stored a key already,
    // and then the field offers to replace it.
    await hris.getByLabel(/^(API key|Replace api key)$/).fill(fake.apiKey);
    await hris.getByRole('button', { name: 'Save to keychain' }).click();
    await hris.getByTestId('secret-API key').filter({ hasNotText: /not set/i }).waitFor();
    await hris.getByRole('button', { name: 'Test connection' }).click();
    await hris.getByText('Connected to BambooHR company "acme" as Hana Ito.').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'integrations-database-hris.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 90_000);
});
