import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

describe('settings', () => {
  const open: TestCore[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
  });

  it('starts from documented defaults', async () => {
    const t = await createTestCore();
    open.push(t);
    const settings = await t.core.request('settings.get', {});
    expect(settings).toMatchObject({ theme: 'system', quickCommandShortcut: 'CommandOrControl+Shift+Space', server: { port: 7420 }, agent: { maxIterations: 3 } });
  });

  it('persists a valid update across restarts and announces it', async () => {
    const t = await createTestCore();
    const seen: string[] = [];
    t.core.events.subscribe((e) => e.type === 'settings.changed' && seen.push(e.settings.theme));
    await t.core.request('settings.update', { patch: { theme: 'dark', budgets: { dailyUsd: 12.5 } } });
    expect(seen).toEqual(['dark']);
    await t.core.close();
    const again = await createTestCore({ dataDir: t.dataDir, secrets: t.secrets });
    open.push(again);
    expect(await again.core.request('settings.get', {})).toMatchObject({ theme: 'dark', budgets: { dailyUsd: 12.5, perTaskUsd: 1 } });
  });

  it('rejects invalid settings naming the exact field and reason, changing nothing', async () => {
    const t = await createTestCore();
    open.push(t);
    const before = await t.core.request('settings.get', {});
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ server: { port: 80 } }, /server\.port must be 1024 or higher/],
      [{ budgets: { dailyUsd: -1 } }, /budgets\.dailyUsd must not be negative/],
      [{ quickCommandShortcut: 'Ctrl+<script>' }, /quickCommandShortcut must be an accelerator/],
      [{ colour: 'blue' }, /colour/],
      [{ agent: { maxIterations: 'three' } }, /agent\.maxIterations/],
    ];
    for (const [patch, message] of cases) {
      await expect(t.core.request('settings.update', { patch })).rejects.toMatchObject({ code: 'settings_invalid', userMessage: expect.stringMatching(message) });
    }
    expect(await t.core.request('settings.get', {})).toEqual(before);
    expect(t.core.audit.list().every((row) => row.result === 'error')).toBe(true);
  });
});
