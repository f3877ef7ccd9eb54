/**
 * The model library (issue 17), in Chromium against the real local server: the Models screen's
 * Hugging Face section pointed (through its Mirror field) at the local fake of the Hub's
 * endpoints; a search, a repository's files with fit and speed, a download with progress that
 * ends installed; a refused mirror URL named under its field. Two OpenAI-compatible providers
 * (local fakes) added side by side, each tested with its own key, and one used as the cloud model.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildTinyLlamaGguf } from '../helpers/tiny-gguf.js';
import { startHuggingFaceFake, type HuggingFaceFake } from '../fakes/huggingface-fake.js';
import { startOpenAiFake } from '../fakes/openai-fake.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 30_000;

describeInChromium('model library in Chromium', () => {
  const e2e = browserSuite({ suite: 'model-library', timeoutMs: UI_TIMEOUT, watch: { console: 'errors', ignore: /Failed to load resource/ } });

  it('searches Hugging Face through a mirror, shows a repository\'s files with fit and speed, and downloads one', async () => {
    const hub: HuggingFaceFake = await startHuggingFaceFake([
      { id: 'bartowski/Qwen_Qwen3-4B-GGUF', downloads: 91_000, likes: 120, files: [{ path: 'Qwen_Qwen3-4B-Q4_K_M.gguf', content: buildTinyLlamaGguf() }, { path: 'mmproj-Qwen_Qwen3-4B-f16.gguf', content: Buffer.from('not a model') }] },
      { id: 'unsloth/Qwen3-8B-GGUF', downloads: 150_000, likes: 300, files: [{ path: 'Qwen3-8B-Q4_K_M.gguf', content: buildTinyLlamaGguf(), listedSize: 5_030_000_000 }] },
    ]);
    try {
      const { page } = e2e;
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
      await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
      const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Hugging Face' }) });

      // The mirror: a remote plain-http address is refused under the field; the fake's (this machine) is saved.
      await section.locator('summary', { hasText: 'Mirror' }).click();
      const mirror = section.getByRole('textbox', { name: 'Mirror' });
      await mirror.fill('http://mirror.example.com');
      await section.getByRole('button', { name: 'Save mirror' }).click();
      await section.getByText(/Mirror must start with https:\/\//).waitFor();
      await mirror.fill(hub.url);
      await section.getByRole('button', { name: 'Save mirror' }).click();
      await expect.poll(() => section.getByRole('button', { name: 'Save mirror' }).isDisabled()).toBe(true);

      await section.getByRole('searchbox', { name: 'Search Hugging Face GGUF models' }).fill('qwen3');
      await section.getByRole('button', { name: 'Search' }).click();
      await section.getByText(`2 GGUF repositories on ${new URL(hub.url).host}, most downloaded first.`).waitFor();
      await section.getByText('150K downloads · 300 likes').waitFor();
      await page.screenshot({ path: path.join(UI_ARTIFACTS, 'models-hugging-face-search.png') });

      await section.getByRole('button', { name: 'Show files of bartowski/Qwen_Qwen3-4B-GGUF' }).click();
      const row = section.getByRole('listitem').filter({ hasText: 'Qwen_Qwen3-4B-Q4_K_M.gguf' });
      await row.getByText(/Q4_K_M · 4B · .* · SHA-256 checked/).waitFor();
      await row.getByText(/Speed: about \d+ tokens\/s/).waitFor();
      await section.getByText(/Not downloadable: it is the vision projector/).waitFor();
      await page.screenshot({ path: path.join(UI_ARTIFACTS, 'models-hugging-face-files.png') });

      await row.getByRole('button', { name: 'Download Qwen_Qwen3-4B-Q4_K_M.gguf' }).click();
      await row.getByText('installed').waitFor({ timeout: 60_000 });
      // The file is now an installed model, the default chat model since there was none, named as the catalog names it.
      const installed = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Installed' }) }).getByRole('listitem').filter({ hasText: 'Qwen_Qwen3-4B-Q4_K_M.gguf' });
      await installed.getByText('default chat').waitFor({ timeout: 60_000 });
      await installed.getByText(/^Qwen3 4B/).waitFor();
      expect(hub.requests.some((r) => r.startsWith('/bartowski/Qwen_Qwen3-4B-GGUF/resolve/main/Qwen_Qwen3-4B-Q4_K_M.gguf'))).toBe(true);

      // A big file in another repository is shown as slow on this computer or not fitting.
      await section.getByRole('button', { name: 'Back to results' }).click();
      await section.getByRole('button', { name: 'Show files of unsloth/Qwen3-8B-GGUF' }).click();
      await section.getByRole('listitem').filter({ hasText: 'Qwen3-8B-Q4_K_M.gguf' }).getByText(/5\.0 GB/).waitFor();
      expect(e2e.problems).toEqual([]);
    } finally {
      await hub.close();
    }
  }, 180_000);

  it('adds two cloud providers side by side, tests each with its own key, and uses one as the cloud model', async () => {
    const [ollama, router] = await Promise.all([startOpenAiFake(), startOpenAiFake()]);
    const models = (...ids: string[]) => ({ status: 200, body: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) } });
    try {
      const { page } = e2e;
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
      const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Cloud providers' }) });
      const form = section.getByRole('form', { name: 'Add a cloud provider' });

      // Ollama's preset fills its documented address; the test points it at a fake on this machine.
      await form.getByLabel('Preset').selectOption('ollama');
      expect(await form.getByLabel('Base URL').inputValue()).toBe('http://127.0.0.1:11434/v1');
      await form.getByLabel('Base URL').fill(ollama.url);
      await form.getByRole('button', { name: 'Add provider' }).click();
      const first = section.getByRole('listitem', { name: 'Ollama' });
      await first.waitFor();

      // A remote plain-http address is refused by name, and nothing is added.
      await form.getByLabel('Preset').selectOption('openrouter');
      expect(await form.getByLabel('Base URL').inputValue()).toBe('https://openrouter.ai/api/v1');
      await form.getByLabel('Base URL').fill('http://openrouter.example.com/api/v1');
      await form.getByRole('button', { name: 'Add provider' }).click();
      await form.getByText(/must start with https:\/\//).waitFor();
      await form.getByLabel('Base URL').fill(router.url);
      await form.getByLabel('API key').fill('sk-or-e2e-key');
      await form.getByRole('button', { name: 'Add provider' }).click();
      const second = section.getByRole('listitem', { name: 'OpenRouter' });
      await second.getByText('key saved').waitFor();

      ollama.reply('/v1/models', models('qwen3:4b'));
      router.reply('/v1/models', models('openai/gpt-4o-mini', 'qwen/qwen3-32b'));
      await first.getByRole('button', { name: 'Test connection' }).click();
      await first.getByText('Connected to Ollama: 1 model listed. Pick one to use.').waitFor();
      await second.getByRole('button', { name: 'Test connection' }).click();
      await second.getByText('Connected to OpenRouter: 2 models listed. Pick one to use.').waitFor();
      expect(router.requestsTo('/v1/models')[0]!.headers.authorization).toBe('Bearer sk-or-e2e-key');

      await second.getByLabel('Model of OpenRouter').selectOption('qwen/qwen3-32b');
      await second.getByRole('button', { name: 'Use as cloud model' }).click();
      await second.getByText('cloud model', { exact: true }).waitFor();
      await page.screenshot({ path: path.join(UI_ARTIFACTS, 'models-cloud-providers.png') });
      expect(await first.getByText('cloud model', { exact: true }).count()).toBe(0);
      expect(e2e.problems).toEqual([]);
    } finally {
      await Promise.all([ollama.close(), router.close()]);
    }
  }, 180_000);
});
