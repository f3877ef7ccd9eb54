/**
 * Rerankers are judged, not trusted, like embedders (embedder-quality.ts). Before a reranker may
 * reorder memory's results it scores 12 requests against 4 candidate turns each: one answers the
 * request, three share its words but not its meaning. A real reranker puts the answer first for
 * nearly all; a random one for about a quarter. Its say in the final order follows the score:
 * 0 below MIN_ACCURACY (the stage is then skipped), 1 from FULL_ACCURACY, linear between.
 */
import type { Reranker } from './reranker.js';

export interface RerankCheckItem {
  query: string;
  /** The candidate that answers the query. */
  answer: string;
  /** Candidates that share words with the query but do not answer it. */
  distractors: readonly string[];
}

export const RERANK_CHECK_ITEMS: readonly RerankCheckItem[] = [
  { query: 'Who approved the new vendor?', answer: 'Dana signed off on Zipline as our supplier yesterday.', distractors: ['We need a new vendor for office chairs.', 'Approved vendors are listed in the wiki.', 'The vendor meeting is on Friday.'] },
  { query: 'When is the product launch?', answer: 'We ship the release on March 3rd.', distractors: ['The product team had lunch together.', 'Launch parties are fun.', 'Our product page needs new photos.'] },
  { query: 'What is our refund policy?', answer: 'Customers get their money back within 30 days, no questions asked.', distractors: ['The policy document is in the shared drive.', 'Refund requests go up in December.', 'Our travel policy changed last year.'] },
  { query: 'How much did sales grow last quarter?', answer: 'Revenue rose twenty percent between July and September.', distractors: ['Sales meetings are on Mondays.', 'Last quarter we hired two people.', 'The sales deck needs a refresh.'] },
  { query: 'Where does Priya work now?', answer: 'Priya moved to the Berlin office in May.', distractors: ['Priya likes her coffee black.', 'Work from home days are Tuesday and Thursday.', 'Now that the kitchen is fixed, lunch is easier.'] },
  { query: 'Why did the server go down?', answer: 'An expired certificate made hosting fail overnight.', distractors: ['The server room is cold.', 'Down payments are due on the first.', 'Go to the server settings to add users.'] },
  { query: 'Who is our lawyer?', answer: 'Marco Ruiz at Ruiz & Partners handles our legal work.', distractors: ['Lawyers are expensive.', 'Our office is next to a law firm.', 'Who wants pizza for lunch?'] },
  { query: 'What budget did we set for marketing?', answer: 'We agreed to spend at most 40,000 on advertising this year.', distractors: ['Marketing wants a new logo.', 'The budget meeting was moved.', 'We set up a new printer.'] },
  { query: 'Which bank holds our payroll account?', answer: 'Salaries are paid from our account at Northwind Bank.', distractors: ['The bank holiday is on Monday.', 'Payroll questions go to Sam.', 'Our account manager changed.'] },
  { query: 'When does the office lease end?', answer: 'The rental contract for the building runs out in June 2027.', distractors: ['The office plants need water.', 'Lease cars are popular with staff.', 'End of day reports are due at 6.'] },
  { query: 'What did the customer complain about?', answer: 'The buyer said the parcel arrived broken.', distractors: ['Customer service is open until 8.', 'We complain about the coffee machine.', 'The customer list is in the CRM.'] },
  { query: 'Who will replace Tom as team lead?', answer: 'Aisha takes over leading the engineers when Tom leaves.', distractors: ['Tom likes team lunches.', 'The team lead meeting is weekly.', 'Replace the toner in the printer.'] },
];

export const MIN_ACCURACY = 0.6;
export const FULL_ACCURACY = 0.9;

export interface RerankerQuality {
  /** Share of requests whose answering candidate scored highest of the four. */
  accuracy: number;
  matched: number;
  items: number;
  /** The reranker's say in the final order (0…1). */
  weight: number;
}

export function rerankWeightFor(accuracy: number): number {
  if (accuracy < MIN_ACCURACY) return 0;
  return Math.min(1, (accuracy - MIN_ACCURACY) / (FULL_ACCURACY - MIN_ACCURACY));
}

/** Runs the check (one rank call per request). Throws what the reranker throws. */
export async function measureRerankerQuality(reranker: Reranker, signal?: AbortSignal): Promise<RerankerQuality> {
  let matched = 0;
  for (const item of RERANK_CHECK_ITEMS) {
    // The answer is not always first: a reranker that favours position must not pass.
    const candidates = [...item.distractors];
    const at = item.query.length % (candidates.length + 1);
    candidates.splice(at, 0, item.answer);
    const scores = await reranker.rank(item.query, candidates, { purpose: 'self-check', ...(signal ? { signal } : {}) });
    const best = Math.max(...scores);
    if (scores[at] === best && scores.filter((s) => s === best).length === 1) matched += 1;
  }
  const accuracy = matched / RERANK_CHECK_ITEMS.length;
  return { accuracy, matched, items: RERANK_CHECK_ITEMS.length, weight: rerankWeightFor(accuracy) };
}
