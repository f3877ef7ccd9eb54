import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toStewardError } from '../../../src-main/core/errors.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

describe('settings and import input gaps', () => {
  let t: TestCore;
  afterEach(() => t.dispose());

  const refusal = async (patch: Record<string, unknown>) => {
    const before = await t.core.request('settings.get', {});
    const error = toStewardError(await t.core.request('settings.update', { patch }).catch((e: unknown) => e));
    expect(await t.core.request('settings.get', {})).toEqual(before); // nothing changed
    return error;
  };

  it('refuses a typo in a nested settings key by name instead of ignoring it', async () => {
    t = await createTestCore();
    const error = await refusal({ agent: { maxIteration: 5 } });
    expect(error.code).toBe('settings_invalid');
    expect(error.userMessage).toMatch(/agent.*maxIteration/);
    expect((await refusal({ llm: { cloud: { modle: 'gpt-4o' } } })).userMessage).toMatch(/llm\.cloud.*modle/);
    expect((await refusal({ integrations: { stripe: { mdoe: 'live' } } })).userMessage).toMatch(/mdoe/);
  });

  it('accepts only https update feeds', async () => {
    t = await createTestCore();
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'http://updates.example.com/steward', 'data:text/plain,x', 'not a url']) {
      const error = await refusal({ updates: { feedUrl: bad } });
      expect(error.userMessage, bad).toMatch(/updates\.feedUrl.*(https:\/\/|must be a URL)/);
    }
    const saved = await t.core.request('settings.update', { patch: { updates: { feedUrl: 'https://updates.example.com/steward' } } });
    expect(saved.updates.feedUrl).toBe('https://updates.example.com/steward');
  });

  it('accepts cloud endpoints over https, and over http only on this machine', async () => {
    t = await createTestCore();
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'http://api.example.com/v1', 'http://192.168.1.5:11434/v1', 'ftp://example.com']) {
      const error = await refusal({ llm: { cloud: { baseUrl: bad } } });
      expect(error.userMessage, bad).toMatch(/llm\.cloud\.baseUrl.*https:\/\//);
    }
    for (const good of ['https://api.openai.com/v1', 'http://127.0.0.1:11434/v1', 'http://localhost:1234/v1', 'http://[::1]:8080/v1']) {
      expect((await t.core.request('settings.update', { patch: { llm: { cloud: { baseUrl: good } } } })).llm.cloud.baseUrl).toBe(good);
    }
  });

  it('keeps every other saved setting when the stored document has a key this version does not know', async () => {
    t = await createTestCore();
    await t.core.request('settings.update', { patch: { theme: 'dark', agent: { maxIterations: 5 } } });
    const stored = JSON.parse((t.core.db.raw.prepare('SELECT json FROM settings WHERE id = 1').get() as { json: string }).json) as Record<string, Record<string, unknown>>;
    stored.agent!.retiredOption = true;
    t.core.db.raw.prepare('UPDATE settings SET json = ? WHERE id = 1').run(JSON.stringify(stored));
    const { SettingsStore } = await import('../../../src-main/core/store/settings-store.js');
    const reloaded = new SettingsStore(t.core.db.raw, t.core.events, () => new Date());
    expect(reloaded.loadProblem).toBeNull();
    expect(reloaded.get()).toMatchObject({ theme: 'dark', agent: { maxIterations: 5 } });
  });

  it('models.import of a file that is not a model says so without echoing its bytes', async () => {
    t = await createTestCore();
    const file = path.join(tempDir(), 'notes.gguf');
    writeFileSync(file, 'AWS_SECRET=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    const error = toStewardError(await t.core.request('models.import', { path: file }).catch((e: unknown) => e));
    expect(error.userMessage).toMatch(/not a GGUF file/);
    expect(error.userMessage).not.toMatch(/AWS|wJal|starts with/);
  });
});
