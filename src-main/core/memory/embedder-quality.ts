/**
 * Embedders are judged, not trusted. Before memory lets vectors vote in retrieval it asks the
 * embedder to match 20 sentences to their paraphrases among 20 candidates. The pairs share no
 * content words, so an embedder that only sees words (feature hashing) or nothing at all (random
 * weights) finds few; a real embedding model finds most. The vector list's weight in the fusion
 * follows the score: 0 below MIN_ACCURACY (vectors are then not even computed), 1 from
 * FULL_ACCURACY, linear between. On the evaluation a weak embedder at full weight cost 0.05 of
 * recall@10; at weight 0 it costs nothing.
 */
import type { Embedder } from './embedder.js';

export const QUALITY_CHECK_PAIRS: readonly [string, string][] = [
  ['Who signed off on the new supplier?', 'Which person approved the vendor?'],
  ['The meeting moved to Thursday afternoon.', 'We rescheduled our call for later this week.'],
  ['Customers say checkout fails on phones.', 'Buyers report payment errors on mobile.'],
  ['She quit last week.', 'An employee resigned recently.'],
  ['Our rent goes up in July.', 'The office lease becomes pricier this summer.'],
  ['Book a table for the team dinner.', 'Reserve a restaurant for our staff meal.'],
  ['That invoice is overdue.', 'The bill has not been paid on time.'],
  ['Ship the release on Monday.', 'Launch the product at the start of next week.'],
  ['Send the contract to legal for review.', 'Ask our lawyers to check this agreement.'],
  ['Hire two senior engineers.', 'Recruit a pair of experienced developers.'],
  ['The server crashed overnight.', 'Hosting went down while everyone slept.'],
  ['Cut the marketing spend.', 'Reduce what we pay for advertising.'],
  ['The flight to Berlin is cancelled.', 'Our trip to Germany was called off.'],
  ['Sales grew twenty percent.', 'Revenue rose by a fifth.'],
  ['Print the brochures by Friday.', 'Get leaflets made before the weekend.'],
  ['What is our refund policy?', 'How do we handle returns and money back?'],
  ['The boss wants a summary.', 'My manager asked for a short report.'],
  ['Update the pricing page.', 'Change what the website says about costs.'],
  ['The package arrived damaged.', 'A delivery came broken.'],
  ['Schedule a call with the investor.', 'Set up a meeting with our backer.'],
];

export const MIN_ACCURACY = 0.4;
export const FULL_ACCURACY = 0.8;

export interface EmbedderQuality {
  /** Share of sentences whose own paraphrase was the nearest of the 20 candidates. */
  accuracy: number;
  matched: number;
  pairs: number;
  /** The vector list's weight in retrieval's fusion (0…1). */
  weight: number;
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export function weightFor(accuracy: number): number {
  if (accuracy < MIN_ACCURACY) return 0;
  return Math.min(1, (accuracy - MIN_ACCURACY) / (FULL_ACCURACY - MIN_ACCURACY));
}

/** Runs the paraphrase check (one batch of 40 texts). Throws what the embedder throws. */
export async function measureEmbedderQuality(embedder: Embedder, signal?: AbortSignal): Promise<EmbedderQuality> {
  const texts = QUALITY_CHECK_PAIRS.flatMap(([a, b]) => [a, b]);
  const vectors = await embedder.embed(texts, { purpose: 'self-check', ...(signal ? { signal } : {}) });
  const anchors = QUALITY_CHECK_PAIRS.map((_, i) => vectors[2 * i] ?? []);
  const candidates = QUALITY_CHECK_PAIRS.map((_, i) => vectors[2 * i + 1] ?? []);
  let matched = 0;
  anchors.forEach((anchor, i) => {
    const sims = candidates.map((c) => (c.length === anchor.length ? cosine(anchor, c) : -Infinity));
    const best = sims.indexOf(Math.max(...sims));
    if (best === i && Number.isFinite(sims[i]!)) matched += 1;
  });
  const accuracy = matched / QUALITY_CHECK_PAIRS.length;
  return { accuracy, matched, pairs: QUALITY_CHECK_PAIRS.length, weight: weightFor(accuracy) };
}
