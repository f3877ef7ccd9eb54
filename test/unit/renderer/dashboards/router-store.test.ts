import { describe, expect, it } from 'vitest';
import { CallLog } from '../../../../src-main/core/llm/call-log/call-log.js';
import type { LlmCallEntry } from '../../../../src-main/core/llm/call-log/call-entry.js';
import { createRouterStore, dailySeries, type RouterStore } from '../../../../src-renderer/state/dashboards/router-store.js';
import type { TestCore } from '../../../helpers/test-core.js';
import { useFreshCore } from '../support/fresh-core.js';
import type { InProcessApi } from '../support/in-process-api.js';
import { failing, LOST_CONNECTION } from './support/api-wrappers.js';

const DAY_MS = 86_400_000;

let t: TestCore;
let api: InProcessApi;
let store: RouterStore;
let log: CallLog;

useFreshCore((core, inProcess) => {
  t = core;
  api = inProcess;
  // UTC days, so the grouping below does not depend on the machine's time zone.
  store = createRouterStore(api, 0);
  log = new CallLog(t.core.db.raw);
});

function call(daysAgo: number, overrides: Partial<LlmCallEntry> = {}): void {
  log.record({
    at: new Date(Date.now() - daysAgo * DAY_MS),
    provider: 'local',
    location: 'local',
    model: 'qwen2.5-3b',
    role: 'employee',
    kind: 'chat',
    promptTokens: 100,
    completionTokens: 50,
    latencyMs: 500,
    costUsd: 0,
    priceKnown: true,
    outcome: 'ok',
    ...overrides,
  });
}

const cloud = (costUsd: number, extra: Partial<LlmCallEntry> = {}): Partial<LlmCallEntry> => ({ provider: 'cloud', location: 'cloud', model: 'gpt-4o-mini', costUsd, ...extra });
const utcDay = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);

/** Three local answers, one cloud answer today and one two days ago, one local failure that fell back, one old cloud call. */
function seedCalls(): void {
  call(0);
  call(0);
  call(2);
  call(0, { outcome: 'fallback', errorCode: 'timeout' });
  call(0, cloud(0.02));
  call(2, cloud(0.01));
  call(0, cloud(0, { outcome: 'cancelled' }));
  call(45, cloud(0.5));
}

describe('router store', () => {
  it('shows loading, then local vs cloud share, spend by day and failures per model for the last 30 days', async () => {
    seedCalls();
    const held = api.holdNext('router.stats');
    const loading = store.getState().load();
    expect(store.getState().status).toBe('loading');
    held();
    await loading;
    const { stats, status, days } = store.getState();
    expect(status).toBe('ready');
    expect(days).toBe(30);
    expect(stats?.share).toMatchObject({ local: { calls: 3, tokens: 450 }, cloud: { calls: 2, tokens: 300 }, localCallShare: 0.6 });
    expect(stats?.spend.totalUsd).toBeCloseTo(0.03, 9);
    expect(stats?.spend.byDay.map((d) => [d.day, d.calls])).toEqual([
      [utcDay(2), 2],
      [utcDay(0), 5],
    ]);
    expect(stats?.savings.usd).toBeGreaterThan(0);
    // The local model failed once in four attempts; a cancelled call is not a failure.
    expect(stats?.failures).toEqual([
      { provider: 'cloud', model: 'gpt-4o-mini', location: 'cloud', calls: 2, failures: 0, failureRate: 0 },
      { provider: 'local', model: 'qwen2.5-3b', location: 'local', calls: 4, failures: 1, failureRate: 0.25 },
    ]);
  });

  it('widens the window to include older calls', async () => {
    seedCalls();
    await store.getState().load();
    await store.getState().setDays(90);
    expect(store.getState().days).toBe(90);
    expect(store.getState().stats?.share.cloud.calls).toBe(3);
    expect(store.getState().stats?.spend.totalUsd).toBeCloseTo(0.53, 9);
    // Re-loading keeps the old figures on screen instead of flashing "loading".
    const held = api.holdNext('router.stats');
    const reloading = store.getState().setDays(7);
    expect(store.getState().status).toBe('ready');
    held();
    await reloading;
    expect(store.getState().stats?.share.cloud.calls).toBe(2);
  });

  it('a slow answer for an old window does not overwrite the one chosen since', async () => {
    seedCalls();
    const held = api.holdNext('router.stats');
    const first = store.getState().setDays(365);
    const second = store.getState().setDays(7);
    await second;
    held();
    await first;
    expect(store.getState().days).toBe(7);
    expect(store.getState().stats?.share.cloud.calls).toBe(2);
  });

  it('fills the daily series with empty days, oldest first', async () => {
    seedCalls();
    // Days in this machine's time zone, as the chart labels them.
    const localStore = createRouterStore(api);
    await localStore.getState().setDays(7);
    const today = new Date();
    const series = dailySeries(localStore.getState().stats!, 7, today);
    const local = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(series.map((d) => d.day)).toEqual([6, 5, 4, 3, 2, 1, 0].map((ago) => local(new Date(today.getFullYear(), today.getMonth(), today.getDate() - ago))));
    expect(series.map((d) => d.calls)).toEqual([0, 0, 0, 0, 2, 0, 5]);
    expect(series[6]?.usd).toBeCloseTo(0.02, 9);
  });

  it('says why the figures could not be loaded, and loads them on retry', async () => {
    seedCalls();
    const broken = failing(api, 'router.stats');
    const offline = createRouterStore(broken, 0);
    await offline.getState().load();
    expect(offline.getState()).toMatchObject({ status: 'error', error: LOST_CONNECTION, stats: null });
    broken.heal();
    await offline.getState().load();
    expect(offline.getState()).toMatchObject({ status: 'ready', error: null });
    expect(offline.getState().stats?.share.local.calls).toBe(3);
  });
});
