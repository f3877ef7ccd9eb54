/**
 * The call log: every model call, written to the llm_calls table (migration 0002), and the
 * queries behind the router dashboard. Writes are synchronous (better-sqlite3) and small.
 */
import type { SqliteDatabase, SqliteStatement } from '../../store/sqlite.js';
import { parseOrThrow } from '../../validation.js';
import type { ModelPrice } from '../pricing.js';
import { LlmCallEntrySchema, type CallKind, type CallLocation, type CallOutcome, type CallRecorder, type LlmCallEntry } from './call-entry.js';
import { queryRouterStats, type RouterStats, type StatsQuery } from './call-stats.js';

export interface LlmCallRow {
  id: number;
  at: string;
  provider: string;
  location: CallLocation;
  model: string;
  role: string;
  kind: CallKind;
  taskId: string | null;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  costUsd: number;
  priceKnown: boolean;
  outcome: CallOutcome;
  errorCode: string | null;
  complexity: number | null;
  repaired: boolean;
}

interface RawRow {
  id: number;
  at: string;
  provider: string;
  location: CallLocation;
  model: string;
  role: string;
  kind: CallKind;
  task_id: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  latency_ms: number;
  cost_usd: number;
  price_known: number;
  outcome: CallOutcome;
  error_code: string | null;
  complexity: number | null;
  repaired: number;
}

export class CallLog implements CallRecorder {
  private readonly db: SqliteDatabase;
  private readonly insert: SqliteStatement;

  constructor(db: SqliteDatabase) {
    this.db = db;
    this.insert = db.prepare(`INSERT INTO llm_calls
      (at, provider, location, model, role, kind, task_id, prompt_tokens, completion_tokens, latency_ms, cost_usd, price_known, outcome, error_code, complexity, repaired)
      VALUES (@at, @provider, @location, @model, @role, @kind, @taskId, @promptTokens, @completionTokens, @latencyMs, @costUsd, @priceKnown, @outcome, @errorCode, @complexity, @repaired)`);
  }

  record(entry: LlmCallEntry): void {
    const e = parseOrThrow(LlmCallEntrySchema, entry, 'model call record');
    this.insert.run({
      at: e.at.toISOString(),
      provider: e.provider,
      location: e.location,
      model: e.model,
      role: e.role,
      kind: e.kind,
      taskId: e.taskId ?? null,
      promptTokens: e.promptTokens,
      completionTokens: e.completionTokens,
      latencyMs: Math.round(e.latencyMs),
      costUsd: e.costUsd,
      priceKnown: e.priceKnown ? 1 : 0,
      outcome: e.outcome,
      errorCode: e.errorCode ?? null,
      complexity: e.complexity ?? null,
      repaired: e.repaired ? 1 : 0,
    });
  }

  /** Newest first. */
  recent(limit = 50, filter: { taskId?: string } = {}): LlmCallRow[] {
    const rows = (
      filter.taskId
        ? this.db.prepare('SELECT * FROM llm_calls WHERE task_id = ? ORDER BY id DESC LIMIT ?').all(filter.taskId, limit)
        : this.db.prepare('SELECT * FROM llm_calls ORDER BY id DESC LIMIT ?').all(limit)
    ) as RawRow[];
    return rows.map(toRow);
  }

  /**
   * Everything the router dashboard shows for a time range. `cloudPrice` is the configured cloud
   * model's price (pricing.priceFor(settings.llm.cloud.model)); it prices the local tokens for
   * the "saved compared with sending everything to the cloud" figure.
   */
  stats(query: StatsQuery = {}, cloudPrice: ModelPrice | null = null): RouterStats {
    return queryRouterStats(this.db, query, cloudPrice);
  }
}

function toRow(r: RawRow): LlmCallRow {
  return {
    id: r.id,
    at: r.at,
    provider: r.provider,
    location: r.location,
    model: r.model,
    role: r.role,
    kind: r.kind,
    taskId: r.task_id,
    promptTokens: r.prompt_tokens,
    completionTokens: r.completion_tokens,
    latencyMs: r.latency_ms,
    costUsd: r.cost_usd,
    priceKnown: r.price_known === 1,
    outcome: r.outcome,
    errorCode: r.error_code,
    complexity: r.complexity,
    repaired: r.repaired === 1,
  };
}
