/**
 * The prompts every measurement uses, the same text for Steward and raw node-llama-cpp.
 * The system prompt is grown sentence by sentence until the model's own tokenizer counts the
 * wanted length, so "a 1,500-token system prompt" holds for any model's vocabulary.
 */

const POLICY_SENTENCES = [
  'You are Steward, the operations assistant of a small business, and you act only with the owner\'s approval.',
  'Always check invoices against the purchase order before proposing a payment.',
  'Never send an email to a new recipient without showing the draft first.',
  'Summaries lead with the decision that is needed, then the facts, then the sources.',
  'Money amounts are written with their currency and two decimals.',
  'When a request is ambiguous, ask one precise question instead of guessing.',
  'Quote the customer\'s own words when you report a complaint.',
  'Dates are written as weekday, day month year, in the owner\'s time zone.',
  'Keep a friendly, plain tone; no jargon, no filler.',
  'Flag any contract clause that renews automatically or carries a penalty.',
  'Prefer the supplier the owner used last unless the price differs by more than ten percent.',
  'A task that cannot finish today gets a status note with what is left and when it will be done.',
];

/** A system prompt of at least `targetTokens` tokens (and less than one sentence more). */
export async function buildSystemPrompt(countTokens: (text: string) => Promise<number>, targetTokens: number): Promise<{ text: string; tokens: number }> {
  let text = '';
  for (let i = 0; ; i++) {
    text = `${text}${text ? ' ' : ''}${POLICY_SENTENCES[i % POLICY_SENTENCES.length]!}`;
    const tokens = await countTokens(text);
    if (tokens >= targetTokens || i > 10_000) return { text, tokens };
  }
}

/** A same-length marker in front of the system prompt makes it a new prompt the cache has not seen. */
export function variantOf(systemPrompt: string, kind: 'cold' | 'warm', run: number): string {
  return `[${kind} run ${String(run).padStart(3, '0')}] ${systemPrompt}`;
}

export const TTFT_QUESTION = 'Which invoices are overdue this week, and what should I do about each?';
export const PRIME_QUESTION = 'Hi';
export const DECODE_PROMPT = 'Count upward from 1, one number per line, and do not stop until you are told to.';

/**
 * One prompt per concurrent stream. Each starts with its own stream number and is longer than
 * the pool's minimum useful shared prefix (128 characters), so Steward's sequence pool routes a
 * repeated prompt back to the sequence that holds it — as raw node-llama-cpp does by construction
 * (stream k always uses sequence k).
 */
export function streamPrompt(stream: number): string {
  return `Stream ${String(stream).padStart(2, '0')}: write the weekly status note for project ${stream + 1}: what was done, what is blocked, and what happens next. Use short bullet points and keep going until told to stop.`;
}
