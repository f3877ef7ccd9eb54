/**
 * Reads simple "Remember that …" statements without a model, so explicit memory works even
 * before a model is installed: "John's email is john@acme.com", "Sarah is our CFO since 2023",
 * "Alice and Bob are in the engineering team", "my manager is Dana", "we use Xero".
 * Anything it cannot read becomes a note, still searchable by keywords.
 */
import type { CandidateFact } from './fact-validation.js';
import { isUniqueTitle, normalisePredicate } from './predicates.js';

const SINCE = /\s+(?:since|from|as of|starting)\s+((?:[a-z]+\.?\s+)?\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*$/i;
const PERIOD = /\s+(?:from\s+)?(\d{4})\s*(?:–|-|to|until)\s*(\d{4})\s*$/i;
const TITLE_LIKE = /^(?:an?\s+)?([\p{L}][\p{L} &-]{1,40})$/u;

function splitNames(list: string): string[] {
  return list
    .split(/\s*,\s*|\s+and\s+|\s*&\s*/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function extractByRules(statement: string, confidence: number): CandidateFact[] {
  let s = statement.trim().replace(/[.!]+$/, '').replace(/\s+/g, ' ');
  let validFrom: string | null = null;
  let validTo: string | null = null;
  const period = PERIOD.exec(s);
  if (period) {
    validFrom = period[1] ?? null;
    validTo = period[2] ?? null;
    s = s.slice(0, period.index);
  } else {
    const since = SINCE.exec(s);
    if (since) {
      validFrom = since[1] ?? null;
      s = s.slice(0, since.index);
    }
  }
  const base = { confidence, validFrom, validTo, isChange: validFrom !== null && validTo === null };
  const fact = (subject: string, predicate: string, object: string, extra: Partial<CandidateFact> = {}): CandidateFact => ({ ...base, subject, predicate, object, ...extra });
  let m: RegExpExecArray | null;

  if ((m = /^(.+?) (?:is|are|am) (?:in|on|part of|(?:a )?members? of) (?:the |our )?(.+?) (?:team|department)$/i.exec(s))) {
    return splitNames(m[1]!).map((name) => fact(name, 'member_of', m![2]!, { subjectType: 'person', objectType: 'team' }));
  }
  if ((m = /^(.+?) (?:works|work) (?:at|for) (.+)$/i.exec(s))) return [fact(m[1]!, 'works_for', m[2]!, { objectType: 'company' })];
  if ((m = /^(.+?) reports? to (.+)$/i.exec(s))) return [fact(m[1]!, 'reports_to', m[2]!, { objectType: 'person' })];
  if ((m = /^(.+?) (?:manages|leads|runs|heads) (?:the )?(.+?)( team)?$/i.exec(s))) {
    return [fact(m[1]!, 'manages', m[2]!, { objectType: m[3] ? 'team' : null })];
  }
  if ((m = /^(?:i|we) (?:prefer|like|want|always want) (.+)$/i.exec(s))) return [fact(/^i\b/i.test(s) ? 'user' : 'our company', 'prefers', m[1]!, { category: 'preferences' })];
  if ((m = /^(?:we|i) (?:use|are using|work with) (.+?)(?: for (.+))?$/i.exec(s))) {
    return splitNames(m[1]!).map((tool) => fact('our company', 'uses', tool, { objectType: 'tool', category: 'integrations' }));
  }
  if ((m = /^my (.+?) (?:is|are) (.+)$/i.exec(s))) return [possessive('user', m[1]!, m[2]!, fact)];
  if ((m = /^our (.+?) (?:is|are) (.+)$/i.exec(s))) return [possessive('our company', m[1]!, m[2]!, fact)];
  if ((m = /^(.+?)['’]s (.+?) (?:is|are) (.+)$/i.exec(s)) && isPossessor(m[1]!)) return [fact(m[1]!, m[2]!, m[3]!)];
  if ((m = /^(.+?) (?:is|was) (?:our|the|my) (.+)$/i.exec(s))) {
    const what = m[2]!.trim();
    // "Sarah is our CFO": a title. "Xero is our accounting tool": what the business uses for something.
    if (/^\p{Lu}/u.test(m[1]!) && TITLE_LIKE.test(what) && !/\b(?:tool|software|app|system|platform|service|bank|provider)\b/i.test(what)) {
      return [fact(m[1]!, 'title', what, { subjectType: 'person' })];
    }
    return [fact('our company', what, m[1]!)];
  }
  if ((m = /^(.+?) (?:is|are) (?:an? )?(.+)$/i.exec(s)) && isUniqueTitle(m[2]!)) return [fact(m[1]!, 'title', m[2]!, { subjectType: 'person' })];
  return [];
}

/**
 * Whether the words before "'s" can own something: "John", "Sarah Lee", "Acme Corp". Not a
 * contraction ("That's", "It's", "What's" are "that is"…), and not a run of text that crosses
 * punctuation ("Caroline: Thanks, Melanie! That's great" once became an entity).
 */
const CONTRACTED = /^(?:that|it|what|there|here|who|where|when|how|let|he|she|this|everything|nothing|something|everyone|someone|today|now)$/i;
function isPossessor(words: string): boolean {
  const w = words.trim();
  return w.length > 0 && !/[,:;!?"“”()]|\.\s/.test(w) && w.split(/\s+/).length <= 4 && !CONTRACTED.test(w.split(/\s+/).at(-1)!);
}

/** "my manager is Dana" → you / reports_to / Dana; "our CFO is Sarah" → Sarah / title / CFO. */
function possessive(owner: string, what: string, value: string, fact: (s: string, p: string, o: string, extra?: Partial<CandidateFact>) => CandidateFact): CandidateFact {
  if (owner === 'our company' && isUniqueTitle(what)) return fact(value, 'title', what, { subjectType: 'person' });
  if (owner === 'our company' && /^(?:company |business )?name$/i.test(what)) return fact(owner, 'company_name', value);
  const predicate = normalisePredicate(what) ?? what;
  if (predicate === 'reports_to') return fact(owner, 'reports_to', value, { objectType: 'person' });
  return fact(owner, what, value);
}

/** The fallback when no rule applies: a note on the business, found later by keywords. */
export function noteFact(statement: string, confidence: number): CandidateFact {
  return { subject: 'our company', predicate: 'note', object: statement.trim().replace(/\s+/g, ' ').slice(0, 300), confidence, category: 'other' };
}
