/**
 * Words out of free text: for FTS5 queries (quoted, so user text can never be FTS syntax) and
 * for spotting entity names (n-grams looked up against names and aliases).
 */
const STOPWORDS = new Set(
  `a about above after again all also am an and any are as at be because been before being below between both but by can could did do does doing
  down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just
  let me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than
  that the their theirs them themselves then there these they this those through to too under until up very was we were what when where
  which while who whom why will with would you your yours yourself yourselves please tell know remember forget show want need get got
  something anything everything thing things hey hi thanks thank okay ok yes yeah`.split(/\s+/),
);

/** Lower-cased words with possessive 's removed; keeps letters, digits, and inner . @ - & ' (emails, names). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(/[\p{L}\p{N}](?:[\p{L}\p{N}@.&'’_-]*[\p{L}\p{N}])?/gu)) {
    out.push(m[0].toLowerCase().replace(/['’]s$/, ''));
  }
  return out;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Significant words of a query: no stopwords, no one-letter words, at most `max`. */
export function significantWords(text: string, max = 24): string[] {
  const seen = new Set<string>();
  for (const w of words(text)) {
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    seen.add(w);
    if (seen.size >= max) break;
  }
  return [...seen];
}

/** An FTS5 MATCH expression: every word quoted (so no user text is FTS syntax), joined by OR or AND. */
export function ftsQuery(terms: readonly string[], join: 'OR' | 'AND' = 'OR'): string | null {
  const quoted = terms.map((t) => t.replace(/"/g, '').trim()).filter((t) => t.length > 0).map((t) => `"${t}"`);
  return quoted.length > 0 ? quoted.join(` ${join} `) : null;
}

/** Every run of 1…`maxLength` consecutive words, for name lookups ("alice smith", "engineering team"). */
export function nGrams(text: string, maxLength = 4): string[] {
  const ws = words(text);
  const stop = ws.map((w) => STOPWORDS.has(w));
  const out = new Set<string>();
  // Grams grow one word at a time (no slice/join per gram): this runs for every stored message.
  for (let i = 0; i < ws.length; i += 1) {
    let gram = '';
    let allStop = true;
    for (let n = 0; n < maxLength && i + n < ws.length; n += 1) {
      gram = n === 0 ? ws[i]! : `${gram} ${ws[i + n]!}`;
      allStop &&= stop[i + n]!;
      // A name is never all stopwords ("the", "my manager" is handled by reference resolution).
      if (!allStop) out.add(gram);
    }
  }
  return [...out];
}

/** Rough token count (≈ 4 characters a token) used for packing prompts when no tokenizer is given. */
export const approxTokens = (text: string): number => Math.ceil(text.length / 4);
