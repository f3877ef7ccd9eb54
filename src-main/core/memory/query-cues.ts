/**
 * What a question says besides its keywords: a time it is about ("on March 12", "in April",
 * "last month"), whether it wants the latest or the first of several statements ("now",
 * "originally"), whether it asks what Steward itself said ("what did you recommend"), and the
 * names it mentions. Retrieval uses these as extra ranked lists; the date words themselves are
 * taken out of the keyword query, because "March" rarely appears in what was said in March.
 */
import { significantWords } from './text-terms.js';

export interface DateRange {
  /** Inclusive ISO start, exclusive ISO end. */
  from: string;
  to: string;
}

export interface QueryCues {
  /** Significant words without the date and cue words. */
  terms: string[];
  /** Capitalised words in the question (lower case): people, vendors, products. */
  names: string[];
  range: DateRange | null;
  order: 'latest' | 'earliest' | null;
  speaker: 'assistant' | 'user' | null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const monthIndex = (word: string) => MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().slice(0, 3)));

const LATEST = /\b(?:now|current(?:ly)?|latest|these days|at the moment|most recent(?:ly)?|right now|anymore|today)\b/i;
const EARLIEST = /\b(?:first(?!\s+(?:quarter|half|week|time|name))|originally|initially|original|earliest|at the start|in the beginning|used to)\b/i;
const ASKS_ASSISTANT = /\b(?:did|do|would|have|had|could)\s+you\b|\byou\s+(?:recommend|recommended|suggest|suggested|propose|proposed|said|say|advise|advised|think|thought|pick|picked|came up with|come up with)\b|\byour\s+(?:recommendation|suggestion|advice|idea|answer)\b/i;
const ASKS_USER = /\bdid\s+i\s+(?:say|tell|mention|ask|write)\b|\bi\s+(?:told|said|mentioned)\s+you\b/i;
/** Words that only carry the cue; searching for them finds every turn that happens to say "now". */
const CUE_WORDS = new Set(['now', 'current', 'currently', 'latest', 'recent', 'recently', 'first', 'originally', 'initially', 'original', 'earliest', 'today', 'anymore', 'moment']);

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m, d);

/** The most recent year in which month/day is not after `now` (questions ask about the past). */
function pastYear(month: number, day: number, now: Date): number {
  const y = now.getUTCFullYear();
  return utcDay(y, month, day) <= now.getTime() + DAY_MS ? y : y - 1;
}

interface Found {
  range: DateRange;
  start: number;
  end: number;
}

function findRange(text: string, now: Date): Found | null {
  const at = (m: RegExpExecArray, range: DateRange): Found => ({ range, start: m.index, end: m.index + m[0].length });
  let m: RegExpExecArray | null;
  const dayRange = (y: number, mo: number, d: number): DateRange => ({ from: iso(utcDay(y, mo, d)), to: iso(utcDay(y, mo, d) + DAY_MS) });
  if ((m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text))) return at(m, dayRange(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if ((m = new RegExp(`\\bthe\\s+${DAY}\\s+of\\s+${MONTH}\\b(?:,?\\s+(\\d{4}))?`, 'i').exec(text))) {
    const mo = monthIndex(m[2]!);
    const d = Number(m[1]);
    return at(m, dayRange(m[3] ? Number(m[3]) : pastYear(mo, d, now), mo, d));
  }
  if ((m = new RegExp(`\\b${MONTH}\\.?\\s+${DAY}\\b(?:,?\\s+(\\d{4}))?`, 'i').exec(text))) {
    const mo = monthIndex(m[1]!);
    const d = Number(m[2]);
    if (d >= 1 && d <= 31) return at(m, dayRange(m[3] ? Number(m[3]) : pastYear(mo, d, now), mo, d));
  }
  if ((m = new RegExp(`\\b${DAY}\\s+${MONTH}\\b(?:,?\\s+(\\d{4}))?`, 'i').exec(text))) {
    const mo = monthIndex(m[2]!);
    const d = Number(m[1]);
    if (d >= 1 && d <= 31) return at(m, dayRange(m[3] ? Number(m[3]) : pastYear(mo, d, now), mo, d));
  }
  if ((m = new RegExp(`\\b(?:in|during|back in|early|late|mid-?)\\s*${MONTH}\\b(?:\\s+(\\d{4}))?`, 'i').exec(text))) {
    const mo = monthIndex(m[1]!);
    const y = m[2] ? Number(m[2]) : pastYear(mo, 1, now);
    return at(m, { from: iso(utcDay(y, mo, 1)), to: iso(utcDay(y, mo + 1, 1)) });
  }
  if ((m = /\b(?:in\s+)?q([1-4])(?:\s+(\d{4}))?\b/i.exec(text))) {
    const q = Number(m[1]) - 1;
    const y = m[2] ? Number(m[2]) : pastYear(q * 3, 1, now);
    return at(m, { from: iso(utcDay(y, q * 3, 1)), to: iso(utcDay(y, q * 3 + 3, 1)) });
  }
  const today = utcDay(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if ((m = /\byesterday\b/i.exec(text))) return at(m, { from: iso(today - DAY_MS), to: iso(today) });
  if ((m = /\blast week\b/i.exec(text))) {
    const monday = today - ((now.getUTCDay() + 6) % 7) * DAY_MS;
    return at(m, { from: iso(monday - 7 * DAY_MS), to: iso(monday) });
  }
  if ((m = /\bthis week\b/i.exec(text))) {
    const monday = today - ((now.getUTCDay() + 6) % 7) * DAY_MS;
    return at(m, { from: iso(monday), to: iso(today + DAY_MS) });
  }
  if ((m = /\blast month\b/i.exec(text))) return at(m, { from: iso(utcDay(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)), to: iso(utcDay(now.getUTCFullYear(), now.getUTCMonth(), 1)) });
  if ((m = /\bthis month\b/i.exec(text))) return at(m, { from: iso(utcDay(now.getUTCFullYear(), now.getUTCMonth(), 1)), to: iso(today + DAY_MS) });
  if ((m = /\b(\d{1,2}|a|one|two|three|four)\s+(day|week|month)s?\s+ago\b/i.exec(text))) {
    const n = { a: 1, one: 1, two: 2, three: 3, four: 4 }[m[1]!.toLowerCase() as 'a'] ?? Number(m[1]);
    const unit = m[2]!.toLowerCase() === 'day' ? DAY_MS : m[2]!.toLowerCase() === 'week' ? 7 * DAY_MS : 30 * DAY_MS;
    const centre = today - n * unit;
    const slack = unit === DAY_MS ? DAY_MS : unit / 2;
    return at(m, { from: iso(centre - slack), to: iso(centre + slack + DAY_MS) });
  }
  if ((m = /\bin\s+(20\d{2})\b/.exec(text))) return at(m, { from: iso(utcDay(Number(m[1]), 0, 1)), to: iso(utcDay(Number(m[1]) + 1, 0, 1)) });
  return null;
}

const QUESTION_START = /^(?:who|what|when|where|which|why|how|did|does|do|is|are|was|were|can|could|should|would|will|has|have|tell|show|find|remind|give|list|any)$/i;

/** Capitalised words, lower case; the first word of a sentence counts only when it is not a question word. */
export function namesIn(text: string, options: { skipSentenceStart?: boolean } = {}): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(^|[.!?]\s+|\s|["“(])(\p{Lu}[\p{L}\p{N}&-]*)(?:['’]s)?/gu)) {
    const word = m[2]!;
    const sentenceStart = m.index === 0 || /[.!?]\s+$/.test(m[1]!);
    if (sentenceStart && (options.skipSentenceStart || QUESTION_START.test(word))) continue;
    if (word.length < 2 || /^(?:I|I'm|I'd|I'll|OK)$/.test(word)) continue;
    out.add(word.toLowerCase());
  }
  return [...out];
}

export function readQueryCues(query: string, now: Date): QueryCues {
  const found = findRange(query, now);
  const rest = found ? `${query.slice(0, found.start)} ${query.slice(found.end)}` : query;
  const order = LATEST.test(rest) ? 'latest' : EARLIEST.test(rest) ? 'earliest' : null;
  const speaker = ASKS_USER.test(query) ? 'user' : ASKS_ASSISTANT.test(query) ? 'assistant' : null;
  const terms = significantWords(rest, 24).filter((w) => !CUE_WORDS.has(w));
  return { terms, names: namesIn(rest), range: found?.range ?? null, order, speaker };
}
