/**
 * Cloud model prices, in US dollars per million tokens, for cost accounting, budgets and the
 * router dashboard's "savings" figure. Prices change: this table is a dated snapshot of the
 * providers' public price pages, and a model that is not in it costs 0 with `priceKnown: false`
 * so the UI can say "price unknown" instead of pretending a call was free.
 */
import type { LlmProvider, TokenUsage } from './provider.js';

export interface ModelPrice {
  inputPerMillionUsd: number;
  outputPerMillionUsd: number;
}

/** Snapshot of OpenAI's standard (non-batch, non-cached) prices. */
export const PRICES_CHECKED_ON = '2025-08-01';

const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  'gpt-5': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 },
  'gpt-5-mini': { inputPerMillionUsd: 0.25, outputPerMillionUsd: 2 },
  'gpt-5-nano': { inputPerMillionUsd: 0.05, outputPerMillionUsd: 0.4 },
  'gpt-4.1': { inputPerMillionUsd: 2, outputPerMillionUsd: 8 },
  'gpt-4.1-mini': { inputPerMillionUsd: 0.4, outputPerMillionUsd: 1.6 },
  'gpt-4.1-nano': { inputPerMillionUsd: 0.1, outputPerMillionUsd: 0.4 },
  'gpt-4o': { inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 },
  'gpt-4o-mini': { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
  o3: { inputPerMillionUsd: 2, outputPerMillionUsd: 8 },
  'o3-mini': { inputPerMillionUsd: 1.1, outputPerMillionUsd: 4.4 },
  'o4-mini': { inputPerMillionUsd: 1.1, outputPerMillionUsd: 4.4 },
  'text-embedding-3-small': { inputPerMillionUsd: 0.02, outputPerMillionUsd: 0 },
  'text-embedding-3-large': { inputPerMillionUsd: 0.13, outputPerMillionUsd: 0 },
};

/** A dated snapshot id such as "gpt-4o-mini-2024-07-18" is priced like its family name. */
const DATED_SUFFIX = /-\d{4}-\d{2}-\d{2}$/;

/** The price of `model`, or null when it is not in the table. Matches case-insensitively, ignoring a date suffix and an "openai/" prefix. */
export function priceFor(model: string): ModelPrice | null {
  const name = model.trim().toLowerCase().replace(/^openai\//, '');
  return PRICE_TABLE[name] ?? PRICE_TABLE[name.replace(DATED_SUFFIX, '')] ?? null;
}

export interface CostEstimate {
  usd: number;
  /** False when the model has no known price: `usd` is then 0 and the UI should say "price unknown". */
  priceKnown: boolean;
}

export function costOf(price: ModelPrice | null, usage: TokenUsage): CostEstimate {
  if (!price) return { usd: 0, priceKnown: false };
  return { usd: (usage.promptTokens * price.inputPerMillionUsd + usage.completionTokens * price.outputPerMillionUsd) / 1_000_000, priceKnown: true };
}

/** A provider whose price may be unknown (the cloud provider) exposes it with this property. */
export interface PriceAware {
  readonly priceKnown: boolean;
}

/** Whether `provider`'s estimateCost is a real price. Providers without the property (local, scripted) are priced exactly. */
export function isPriceKnown(provider: LlmProvider): boolean {
  const value = (provider as Partial<PriceAware>).priceKnown;
  return typeof value === 'boolean' ? value : true;
}
