/**
 * What a planned task will likely cost, before it starts: for each tool step, what the same tool
 * cost in past calls (tool_calls.cost_usd) and, for payment tools, the money it moved in past
 * payments (the transaction ledger). Plain arithmetic over history — shown on the plan so the user
 * knows before approving anything; never used to allow or refuse (the limits do that per call).
 */
import type { SqliteDatabase } from '../store/sqlite.js';
import type { AnyTool } from '../tools/tool.js';
import type { TransactionLedger } from './transaction-ledger.js';

const HISTORY = 20;

export interface CostPrediction {
  /** Expected fees/API cost in USD for the steps with history or a free tool. */
  costUsd: number;
  /** Expected money moved by payment steps, from past payments of the same tool. */
  paymentsUsd: number;
  /** Tools whose cost cannot be predicted yet (no history). */
  unknown: string[];
}

export function predictCost(steps: readonly { tool: string | null }[], deps: { db: SqliteDatabase; ledger: TransactionLedger; find: (name: string) => AnyTool | null }): CostPrediction {
  const prediction: CostPrediction = { costUsd: 0, paymentsUsd: 0, unknown: [] };
  for (const step of steps) {
    if (!step.tool) continue;
    const tool = deps.find(step.tool);
    if (!tool) continue;
    const costs = (deps.db.prepare("SELECT cost_usd AS c FROM tool_calls WHERE tool = ? AND status = 'succeeded' AND cost_usd IS NOT NULL ORDER BY created_at DESC LIMIT ?").all(tool.name, HISTORY) as { c: number }[]).map((r) => r.c);
    const free = !tool.estimateCost && tool.sideEffect !== 'financial';
    if (costs.length > 0) prediction.costUsd += median(costs);
    else if (!free) prediction.unknown.push(tool.name);
    if (tool.sideEffect === 'financial') {
      const amounts = deps.ledger.historyOf(tool.name, HISTORY);
      if (amounts.length > 0) prediction.paymentsUsd += median(amounts);
      else if (!prediction.unknown.includes(tool.name)) prediction.unknown.push(tool.name);
    }
  }
  return prediction;
}

/** One line for the plan: "Estimated cost: about $0.42 in fees; payments about $120.00 (from past runs); not yet known for stripe.send_invoice." */
export function describePrediction(p: CostPrediction): string | null {
  if (p.costUsd === 0 && p.paymentsUsd === 0 && p.unknown.length === 0) return null;
  const parts = [`Estimated cost: about $${p.costUsd.toFixed(2)} in fees and usage`];
  if (p.paymentsUsd > 0) parts.push(`payments about $${p.paymentsUsd.toFixed(2)}`);
  const known = `${parts.join('; ')} (from past runs of the same actions)`;
  return p.unknown.length > 0 ? `${known}; not known yet for ${p.unknown.join(', ')} — you will see each amount on its approval card.` : `${known}.`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
