/**
 * The router dashboard's numbers, computed in SQL over llm_calls:
 *   share    — calls answered (outcome 'ok') and their tokens, local vs cloud;
 *   spend    — dollars of every recorded call, in total and per day;
 *   savings  — what the local answers would have cost at the cloud model's price;
 *   failures — per provider and model, failed attempts (error or fallback) over all attempts
 *              (cancelled calls are the user's choice, not a failure, and are left out).
 */
import type { SqliteDatabase } from '../../store/sqlite.js';
import { costOf, type ModelPrice } from '../pricing.js';

export interface StatsQuery {
  since?: Date;
  until?: Date;
  /** Minutes east of UTC used to cut days (e.g. -300 for New York winter time); default 0 (UTC). */
  utcOffsetMinutes?: number;
}

export interface LocationShare {
  calls: number;
  tokens: number;
}

export interface RouterStats {
  share: {
    local: LocationShare;
    cloud: LocationShare;
    /** 0–1; 0 when there were no calls. */
    localCallShare: number;
    localTokenShare: number;
  };
  spend: {
    totalUsd: number;
    /** Calls to models with no known price (counted as $0). */
    unknownPriceCalls: number;
    byDay: Array<{ day: string; usd: number; calls: number; savedUsd: number }>;
  };
  savings: {
    /** Dollars the local answers would have cost at the cloud price; 0 when that price is unknown. */
    usd: number;
    priceKnown: boolean;
    localPromptTokens: number;
    localCompletionTokens: number;
  };
  failures: Array<{ provider: string; model: string; location: 'local' | 'cloud'; calls: number; failures: number; failureRate: number }>;
}

export function queryRouterStats(db: SqliteDatabase, query: StatsQuery, cloudPrice: ModelPrice | null): RouterStats {
  const where = 'at >= @since AND at < @until';
  const params = { since: query.since?.toISOString() ?? '0000', until: query.until?.toISOString() ?? '9999' };

  const shareRows = db
    .prepare(
      `SELECT location, COUNT(*) AS calls, COALESCE(SUM(prompt_tokens + completion_tokens), 0) AS tokens,
              COALESCE(SUM(prompt_tokens), 0) AS prompt, COALESCE(SUM(completion_tokens), 0) AS completion
       FROM llm_calls WHERE ${where} AND outcome = 'ok' GROUP BY location`,
    )
    .all(params) as Array<{ location: 'local' | 'cloud'; calls: number; tokens: number; prompt: number; completion: number }>;
  const local = shareRows.find((r) => r.location === 'local');
  const cloud = shareRows.find((r) => r.location === 'cloud');
  const localShare = { calls: local?.calls ?? 0, tokens: local?.tokens ?? 0 };
  const cloudShare = { calls: cloud?.calls ?? 0, tokens: cloud?.tokens ?? 0 };

  const spendRow = db
    .prepare(`SELECT COALESCE(SUM(cost_usd), 0) AS usd, COALESCE(SUM(price_known = 0), 0) AS unknown FROM llm_calls WHERE ${where}`)
    .get(params) as { usd: number; unknown: number };
  const offset = Math.trunc(query.utcOffsetMinutes ?? 0);
  // Savings count the local answers only; embeddings are left out, as the cloud would price them
  // with a different (embedding) model. One grouped query gives the days, and the days sum to the total.
  const savedTokens = `outcome = 'ok' AND location = 'local' AND kind != 'embed'`;
  const days = db
    .prepare(
      `SELECT date(at, @shift) AS day, SUM(cost_usd) AS usd, COUNT(*) AS calls,
              COALESCE(SUM(CASE WHEN ${savedTokens} THEN prompt_tokens END), 0) AS prompt,
              COALESCE(SUM(CASE WHEN ${savedTokens} THEN completion_tokens END), 0) AS completion
       FROM llm_calls WHERE ${where} GROUP BY day ORDER BY day`,
    )
    .all({ ...params, shift: `${offset >= 0 ? '+' : ''}${offset} minutes` }) as Array<{ day: string; usd: number; calls: number; prompt: number; completion: number }>;
  const byDay = days.map(({ prompt, completion, ...day }) => ({ ...day, savedUsd: costOf(cloudPrice, { promptTokens: prompt, completionTokens: completion }).usd }));
  const localChat = days.reduce((sum, d) => ({ prompt: sum.prompt + d.prompt, completion: sum.completion + d.completion }), { prompt: 0, completion: 0 });
  const saved = costOf(cloudPrice, { promptTokens: localChat.prompt, completionTokens: localChat.completion });

  const failures = db
    .prepare(
      `SELECT provider, model, location, COUNT(*) AS calls, SUM(outcome IN ('error', 'fallback')) AS failures
       FROM llm_calls WHERE ${where} AND outcome != 'cancelled' GROUP BY provider, model, location ORDER BY provider, model`,
    )
    .all(params) as Array<{ provider: string; model: string; location: 'local' | 'cloud'; calls: number; failures: number }>;

  const totalCalls = localShare.calls + cloudShare.calls;
  const totalTokens = localShare.tokens + cloudShare.tokens;
  return {
    share: {
      local: localShare,
      cloud: cloudShare,
      localCallShare: totalCalls ? localShare.calls / totalCalls : 0,
      localTokenShare: totalTokens ? localShare.tokens / totalTokens : 0,
    },
    spend: { totalUsd: spendRow.usd, unknownPriceCalls: spendRow.unknown, byDay },
    savings: { usd: saved.usd, priceKnown: saved.priceKnown, localPromptTokens: localChat.prompt, localCompletionTokens: localChat.completion },
    failures: failures.map((f) => ({ ...f, failureRate: f.calls ? f.failures / f.calls : 0 })),
  };
}
