import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { resetFakeElectron, Tray } from './fake-electron.js';
import { createFakeCore } from './fake-core.js';
import { createTray, trayMenuTemplate } from '../../../src-main/electron/tray.js';

const actions = { openWindow: vi.fn(), openQuickCommand: vi.fn(), quit: vi.fn() };
beforeEach(() => resetFakeElectron());

describe('tray: next scheduled runs', () => {
  it('lists the next runs, soonest first, above Pause agent; nothing when none are scheduled', () => {
    const labels = trayMenuTemplate({ paused: false, quickCommandShortcut: null, nextRuns: [{ title: 'Weekly report', when: 'Mon 09:00' }, { title: 'Site check', when: 'Mon 10:00' }] }, actions, () => undefined)
      .filter((i) => i.type !== 'separator')
      .map((i) => i.label);
    expect(labels).toEqual(['Open Steward', 'Quick command', 'Next scheduled runs', 'Weekly report — Mon 09:00', 'Site check — Mon 10:00', 'Pause agent', 'Quit Steward']);
    expect(trayMenuTemplate({ paused: false, quickCommandShortcut: null }, actions, () => undefined).map((i) => i.label)).not.toContain('Next scheduled runs');
  });

  it('reads the schedules through the API and skips paused ones', async () => {
    const core = createFakeCore();
    const request = core.request;
    const schedule = (title: string, nextRunAt: string | null, paused = false) => ({ title, nextRunAt, paused });
    core.request = (async (method: string, input: unknown, context: unknown) =>
      method === 'schedules.list'
        ? [schedule('Later', '2026-06-02T09:00:00.000Z'), schedule('Paused', '2026-06-01T08:00:00.000Z', true), schedule('Soon', '2026-06-01T09:00:00.000Z')]
        : (request as (m: string, i: unknown, c: unknown) => Promise<unknown>)(method, input, context)) as typeof core.request;
    await createTray({ core, iconPath: '/res/tray.png', actions });
    await new Promise((r) => setTimeout(r, 10));
    const labels = (Tray.instances[0]?.menu?.items ?? []).map((i) => i.label ?? '');
    expect(labels.filter((l) => / — /.test(l)).map((l) => l.split(' — ')[0])).toEqual(['Soon', 'Later']);
  });
});
