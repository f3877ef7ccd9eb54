/**
 * Models › Engine in Chromium against the real local server (issues 17 and 19): a chosen model file
 * that is not a GGUF is named on the Models screen with what to do, before any reply and without
 * breaking the rest of the app; the engine switch offers node-llama-cpp and llama-server and says
 * whether llama-server is built (or how to build it); Image input says whether the cloud model
 * reads images.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 30_000;

describeInChromium('Models › Engine in Chromium', () => {
  const e2e = browserSuite({
    suite: 'models-engine',
    timeoutMs: UI_TIMEOUT,
    watch: { console: 'errors', ignore: /Failed to load resource/ },
    prepareHome: (home) => {
      mkdirSync(path.join(home, 'models'), { recursive: true });
      // A zip renamed to .gguf: the kind of file a user might pick by mistake.
      writeFileSync(path.join(home, 'models', 'broken.gguf'), Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4096, 7)]));
    },
  });

  it('names a model file that is not a GGUF and what to do; shows the engine switch and image input; other screens still load', async () => {
    const { page } = e2e;
    await callApi(e2e.server, 'settings.update', { patch: { llm: { localModel: 'broken.gguf' } } });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    const engine = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Engine', exact: true }) });
    await engine.getByRole('alert').filter({ hasText: /broken\.gguf cannot be used: it is not a GGUF file\. Delete it and download it again/ }).waitFor();

    const choice = engine.getByRole('combobox', { name: 'Engine' });
    expect(await choice.inputValue()).toBe('node-llama-cpp');
    expect(await choice.locator('option').allTextContents()).toEqual(['node-llama-cpp (default)', 'llama-server (llama.cpp’s own server)']);
    await engine.getByRole('combobox', { name: 'Inference process' }).waitFor();
    await engine.getByTestId('llama-server-binary').filter({ hasText: /llama-server: |node scripts\/build-llama-cpp-tools\.mjs/ }).waitFor();

    const images = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Image input' }) });
    await images.getByRole('combobox', { name: /reads images/ }).waitFor();
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'models-engine-bad-model.png'), animations: 'disabled' });

    // Nothing else is affected: another screen loads.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Memory' }).click();
    await page.getByRole('heading', { level: 1, name: 'Memory' }).waitFor();
    expect(e2e.problems).toEqual([]);
  }, 120_000);
});
