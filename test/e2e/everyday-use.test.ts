/**
 * Everyday use as a new user meets it (issue 17), in Chromium against the real local server with
 * a REAL tiny model (no scripted provider): choosing a model shows at once on every screen (the
 * llm.status event), the local API's key is shown where the API is switched on and really works
 * with the official `openai` client, and regenerating it locks the old key out.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { OpenAI } from 'openai';
import { expect, it } from 'vitest';
import { tinyChatGguf } from '../integration/models/helpers/test-catalog.js';
import { chatComposer, chatThread } from './support/chat-page.js';
import { UI_PLACES } from '../../src-preload/ui-places.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 30_000;

describeInChromium('everyday use in Chromium', () => {
  const e2e = browserSuite({ suite: 'everyday', timeoutMs: UI_TIMEOUT, watch: { console: 'errors', ignore: /Failed to load resource/ }, prepareHome: (home) => writeFileSync(path.join(home, 'my-assistant.gguf'), tinyChatGguf(9)) });
  const nav = () => e2e.page.getByRole('navigation', { name: 'Main' });
  const open = async (label: string, heading: string) => {
    await nav().getByRole('link', { name: label }).click();
    await e2e.page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  it('pointers in messages are links to real places, and every known place exists where it says', async () => {
    // With no model, Steward's notice says where to get one: both pointers are links.
    await chatComposer(e2e.page).fill('hello');
    await chatComposer(e2e.page).press('Enter');
    const notice = chatThread(e2e.page).getByText(/No assistant is configured yet/).last();
    await notice.waitFor();
    await notice.getByRole('link', { name: 'Models screen' }).waitFor();
    await notice.getByRole('link', { name: 'Integrations › Cloud model' }).click();
    await e2e.page.getByRole('heading', { level: 1, name: 'Integrations & keys' }).waitFor();
    await e2e.page.getByRole('region', { name: 'Cloud model' }).waitFor();

    // Follow every place a message may name: the screen's heading and the section are there.
    for (const [name, place] of Object.entries(UI_PLACES)) {
      await e2e.page.evaluate((route) => (window.location.hash = route), place.route);
      await e2e.page.getByRole('heading', { level: 1, name: place.screen, exact: true }).waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error(`"${name}" goes to ${place.route}, which shows no "${place.screen}" heading`);
      });
      if (place.section) {
        await e2e.page.getByRole('region', { name: place.section, exact: true }).first().waitFor({ timeout: 10_000 }).catch(() => {
          throw new Error(`"${name}": the ${place.screen} screen has no "${place.section}" section`);
        });
      }
    }
    await nav().getByRole('link', { name: 'Chat' }).click();
    expect(e2e.problems).toEqual([]);
  }, 120_000);

  it('a model chosen on the Models screen shows at once on the Models screen and in the chat, without a reload', async () => {
    await nav().getByRole('link', { name: 'Chat' }).click();
    await e2e.page.getByRole('button', { name: 'New conversation' }).click();
    const hint = e2e.page.getByRole('note', { name: 'No model installed' });
    await hint.waitFor();
    const noAssistant = e2e.page.locator('.chat-header').getByText('No assistant configured');
    await noAssistant.waitFor();
    // The hint's way to a cloud model leads to the section that connects one.
    await hint.getByRole('link', { name: 'Models › Cloud providers' }).click();
    await e2e.page.getByRole('region', { name: 'Cloud providers', exact: true }).first().waitFor();
    await nav().getByRole('link', { name: 'Chat' }).click();
    await hint.waitFor();

    await open('Models', 'Models');
    const installed = e2e.page.getByRole('region', { name: 'Installed' });
    await installed.getByLabel('Import a .gguf file', { exact: true }).fill(path.join(e2e.home, 'my-assistant.gguf'));
    await installed.getByRole('button', { name: 'Import', exact: true }).click();
    await installed.getByText('my-assistant.gguf').waitFor();
    const useDefault = installed.getByRole('button', { name: 'Use as default' });
    if ((await useDefault.count()) > 0) await useDefault.click();
    await installed.getByText('default chat').waitFor();
    // The Engine panel follows the llm.status event: "getting it ready…", then set up — never "file is missing".
    expect(await e2e.page.getByText(/its file is missing/).count()).toBe(0);
    await e2e.page.getByText('my-assistant.gguf (loads on first use)').waitFor({ timeout: 90_000 });
    expect(await e2e.page.getByText(/its file is missing/).count()).toBe(0);

    await nav().getByRole('link', { name: 'Chat' }).click();
    await hint.waitFor({ state: 'detached' });
    // The header's pill follows the same change: no reload needed.
    await noAssistant.waitFor({ state: 'detached' });
    expect(e2e.problems).toEqual([]);
  }, 150_000);

  it('the local API shows its key (masked, shown, copied) with an example, and the key works; regenerating locks the old one out', async () => {
    await open('Models', 'Models');
    await e2e.page.getByRole('switch', { name: /OpenAI-compatible API/ }).click();
    const section = e2e.page.getByRole('region', { name: 'Local API server' });
    await section.getByText(/Listening at/).waitFor({ timeout: 60_000 }).catch(async (err: unknown) => {
      throw new Error(`${String(err)}\nThe section says: ${await section.textContent()}`);
    });
    const url = (await section.getByText(/Listening at/).locator('code').textContent())!;
    const panel = e2e.page.getByTestId('local-api-key');
    const value = panel.getByTestId('local-api-key-value');
    await expect.poll(() => value.textContent()).toMatch(/^sk-steward-.{0,3}•+/);
    expect(await panel.getByTestId('local-api-example').textContent()).toContain(`curl ${url}/chat/completions`);
    expect(await panel.getByTestId('local-api-example').textContent()).not.toMatch(/Bearer sk-steward-[A-Za-z0-9_-]{20,}/);
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'models-local-api-key.png') });

    await panel.getByRole('button', { name: 'Show' }).click();
    const key = (await value.textContent())!;
    expect(key).toMatch(/^sk-steward-[A-Za-z0-9_-]{20,}$/);
    expect(await panel.getByTestId('local-api-example').textContent()).toContain(`Bearer ${key}`);
    await panel.getByRole('button', { name: 'Copy key' }).click();
    await panel.getByText(/Key copied|Could not copy/).waitFor();

    // The key shown is the key the e2e.server takes: the official client lists the model with it.
    const client = new OpenAI({ baseURL: url, apiKey: key, maxRetries: 0 });
    expect((await client.models.list()).data).toHaveLength(1);

    await panel.getByRole('button', { name: 'Regenerate' }).click();
    await e2e.page.getByRole('dialog').getByRole('button', { name: 'Regenerate' }).click();
    await panel.getByText('A new key is in use; the old one no longer works.').waitFor();
    const fresh = (await value.textContent())!;
    expect(fresh).not.toBe(key);
    const refused = await client.models.list().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
    // The 401 points to the place the key is really shown.
    expect((refused as Error).message).toContain('Models screen, under Local API server');
    const newUrl = (await section.getByText(/Listening at/).locator('code').textContent())!;
    expect((await new OpenAI({ baseURL: newUrl, apiKey: fresh, maxRetries: 0 }).models.list()).data).toHaveLength(1);
    expect(e2e.problems).toEqual([]);
  }, 120_000);
});
