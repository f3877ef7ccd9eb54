/**
 * A conservative token estimate that needs no tokenizer, so prompt assembly stays synchronous and
 * fast. ASCII text averages about four characters per token in the models we ship; dividing by
 * three over-counts on purpose, and every other character counts as a whole token (CJK, emoji and
 * accented text tokenise densely). Over-counting only wastes a little context; under-counting
 * would overflow it.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) < 128) ascii += 1;
    else other += 1;
  }
  return Math.ceil(ascii / 3) + other;
}

/** Per-message overhead of chat templates (role markers, separators). */
export const MESSAGE_OVERHEAD_TOKENS = 6;

export function messageTokens(content: string): number {
  return estimateTokens(content) + MESSAGE_OVERHEAD_TOKENS;
}

/** Shortens text to about `maxTokens`, keeping its start and end and saying how much was left out. */
export function excerpt(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text;
  // Characters per token of this text, to turn the token budget into a character budget.
  const ratio = text.length / Math.max(1, estimateTokens(text));
  const keep = Math.max(0, Math.floor(maxTokens * ratio) - 80);
  const head = text.slice(0, Math.ceil(keep * 0.7));
  const tail = keep > 0 ? text.slice(text.length - Math.floor(keep * 0.3)) : '';
  const omitted = text.length - head.length - tail.length;
  return `${head}\n[… ${omitted.toLocaleString('en-US')} characters left out …]\n${tail}`;
}
