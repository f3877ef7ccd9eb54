import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src-main/core/errors.js';
import { CallLog } from '../../../src-main/core/llm/call-log/call-log.js';
import type { LlmCallEntry } from '../../../src-main/core/llm/call-log/call-entry.js';
import { priceFor } from '../../../src-main/core/llm/pricing.js';
import { applyMigrations } from '../../../src-main/core/store/migration.js';
import { MIGRATIONS } from '../../../src-main/core/store/migrations/index.js';
import { migration0002 } from '../../../src-main/core/store/migrations/0002-llm-calls.js';
import { Sqlite, type SqliteDatabase } from '../../../src-main/core/store/sqlite.js';

function entry(overrides: Partial<LlmCallEntry>): LlmCallEntry {
  return {
    at: new Date('2025-03-10T12:00:00Z'),
    provider: 'local',
    location: 'local',
    model: 'qwen2.5-3b',
    role: 'employee',
    kind: 'chat',
    promptTokens: 100,
    completionTokens: 50,
    latencyMs: 800,
    costUsd: 0,
    priceKnown: true,
    outcome: 'ok',
    ...overrides,
  };
}

describe('CallLog (real SQLite, migration 0002)', () => {
  let db: SqliteDatabase;
  let log: CallLog;

  beforeEach(() => {
    db = new Sqlite(':memory:');
    // The schema as of migration 0002; later migrations need sqlite-vec, which this bare connection lacks.
    const migrations = [...MIGRATIONS.filter((m) => m.version < 2), migration0002];
    applyMigrations(db, migrations, () => new Date());
    log = new CallLog(db);
  });
  afterEach(() => db.close());

  it('records every field of a call and reads it back newest first', () => {
    log.record(entry({ taskId: 't1', complexity: 0.4, repaired: true }));
    log.record(entry({ provider: 'cloud', location: 'cloud', model: 'gpt-4o-mini', outcome: 'error', errorCode: 'timeout', costUsd: 0.002, latencyMs: 60_000.4 }));
    const [newest, oldest] = log.recent();
    expect(newest).toMatchObject({ provider: 'cloud', outcome: 'error', errorCode: 'timeout', costUsd: 0.002, latencyMs: 60_000, taskId: null });
    expect(oldest).toMatchObject({ taskId: 't1', complexity: 0.4, repaired: true, priceKnown: true, at: '2025-03-10T12:00:00.000Z' });
    expect(log.recent(10, { taskId: 't1' })).toHaveLength(1);
  });

  it('rejects a malformed record with a field-level error and writes nothing', () => {
    expect(() => log.record(entry({ promptTokens: -1 }))).toThrow(ValidationError);
    expect(() => log.record(entry({ outcome: 'maybe' as never }))).toThrow(/outcome/);
    expect(log.recent()).toHaveLength(0);
  });

  it('computes local vs cloud share, spend by day, savings and failure rates for the dashboard', () => {
    const day1 = new Date('2025-03-10T10:00:00Z');
    const day2 = new Date('2025-03-11T23:30:00Z');
    // Local: two answered chats (1,000 in + 500 out tokens each), one embed, one timeout that fell back.
    log.record(entry({ at: day1, promptTokens: 1000, completionTokens: 500 }));
    log.record(entry({ at: day2, promptTokens: 1000, completionTokens: 500, kind: 'chat_json' }));
    log.record(entry({ at: day2, kind: 'embed', role: 'memory', promptTokens: 300, completionTokens: 0 }));
    log.record(entry({ at: day2, outcome: 'fallback', errorCode: 'timeout', promptTokens: 0, completionTokens: 0 }));
    log.record(entry({ at: day2, outcome: 'cancelled', errorCode: 'cancelled' }));
    // Cloud: the fallback answer and one planning call.
    const cloud = { provider: 'cloud', location: 'cloud' as const, model: 'gpt-4o-mini', priceKnown: true };
    log.record(entry({ ...cloud, at: day2, promptTokens: 2000, completionTokens: 1000, costUsd: 0.0009 }));
    log.record(entry({ ...cloud, at: day1, role: 'manager', promptTokens: 4000, completionTokens: 1000, costUsd: 0.0012 }));
    log.record(entry({ ...cloud, at: day1, model: 'my-finetune', priceKnown: false, outcome: 'error', errorCode: 'provider_failed' }));

    const stats = log.stats({}, priceFor('gpt-4o-mini'));
    expect(stats.share.local).toEqual({ calls: 3, tokens: 3300 });
    expect(stats.share.cloud).toEqual({ calls: 2, tokens: 8000 });
    expect(stats.share.localCallShare).toBeCloseTo(3 / 5);
    expect(stats.share.localTokenShare).toBeCloseTo(3300 / 11300);

    expect(stats.spend.totalUsd).toBeCloseTo(0.0021);
    expect(stats.spend.unknownPriceCalls).toBe(1);
    // Each day's local savings: one answered local chat (1,000 in, 500 out) a day; the embed, the
    // fallback and the cancelled call save nothing.
    const savedPerChat = (1000 * 0.15 + 500 * 0.6) / 1e6;
    expect(stats.spend.byDay).toEqual([
      { day: '2025-03-10', usd: expect.closeTo(0.0012, 10), calls: 3, savedUsd: expect.closeTo(savedPerChat, 12) },
      { day: '2025-03-11', usd: expect.closeTo(0.0009, 10), calls: 5, savedUsd: expect.closeTo(savedPerChat, 12) },
    ]);
    // 23:30 UTC on the 11th is already the 12th two hours east of UTC.
    expect(log.stats({ utcOffsetMinutes: 120 }).spend.byDay.map((d) => d.day)).toEqual(['2025-03-10', '2025-03-12']);

    // Local chat tokens (2,000 in, 1,000 out; the embed is excluded) at $0.15 / $0.60 per million.
    expect(stats.savings).toEqual({ usd: expect.closeTo((2000 * 0.15 + 1000 * 0.6) / 1e6, 12), priceKnown: true, localPromptTokens: 2000, localCompletionTokens: 1000 });
    expect(log.stats({}, null).savings).toMatchObject({ usd: 0, priceKnown: false });

    const byModel = Object.fromEntries(stats.failures.map((f) => [f.model, f]));
    expect(byModel['qwen2.5-3b']).toMatchObject({ calls: 4, failures: 1, failureRate: 0.25 });
    expect(byModel['gpt-4o-mini']).toMatchObject({ calls: 2, failures: 0, failureRate: 0 });
    expect(byModel['my-finetune']).toMatchObject({ calls: 1, failures: 1, failureRate: 1 });
  });

  it('limits every figure to the asked time range', () => {
    log.record(entry({ at: new Date('2025-01-01T00:00:00Z'), provider: 'cloud', location: 'cloud', costUsd: 1 }));
    log.record(entry({ at: new Date('2025-02-01T00:00:00Z'), provider: 'cloud', location: 'cloud', costUsd: 2 }));
    const february = log.stats({ since: new Date('2025-01-15T00:00:00Z'), until: new Date('2025-03-01T00:00:00Z') });
    expect(february.spend.totalUsd).toBe(2);
    expect(february.share.cloud.calls).toBe(1);
  });

  it('reports an empty log as zeros, not NaN', () => {
    const stats = log.stats();
    expect(stats.share).toEqual({ local: { calls: 0, tokens: 0 }, cloud: { calls: 0, tokens: 0 }, localCallShare: 0, localTokenShare: 0 });
    expect(stats.spend).toEqual({ totalUsd: 0, unknownPriceCalls: 0, byDay: [] });
    expect(stats.failures).toEqual([]);
  });
});
