/**
 * Real-world dates of facts as people say them: "2023", "March 2023", "2023-03-01", "now".
 * Partial dates stay partial (we never invent a day), and they sort correctly as strings.
 */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export type DateParse = { ok: true; value: string | null } | { ok: false; reason: string };

/** Parses a validity date; null/empty/"unknown" mean "not said". */
export function parseValidityDate(raw: string | null | undefined, now: Date): DateParse {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  const s = raw.trim().toLowerCase();
  if (s === '' || s === 'null' || s === 'unknown' || s === 'n/a' || s === 'none') return { ok: true, value: null };
  if (s === 'now' || s === 'today' || s === 'present' || s === 'currently') return { ok: true, value: now.toISOString().slice(0, 10) };
  let value: string | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(s))) value = m[1] ?? null;
  else if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) value = `${m[1]}-${pad(m[2])}`;
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+z?)?$/.exec(s))) value = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  else if ((m = /^([a-z]+)\.? (\d{4})$/.exec(s))) {
    const month = MONTHS.findIndex((name) => m?.[1] !== undefined && m[1].length >= 3 && name.startsWith(m[1]));
    if (month >= 0) value = `${m[2]}-${pad(String(month + 1))}`;
  }
  if (value === null) return { ok: false, reason: `"${raw.slice(0, 40)}" is not a date such as 2023, 2023-04 or 2023-04-01` };
  const [year, month, day] = value.split('-').map(Number);
  if (year === undefined || year < 1800 || year > now.getUTCFullYear() + 50) return { ok: false, reason: `year ${year} is not believable` };
  if (month !== undefined && (month < 1 || month > 12)) return { ok: false, reason: `month ${month} does not exist` };
  if (day !== undefined && (day < 1 || day > 31)) return { ok: false, reason: `day ${day} does not exist` };
  return { ok: true, value };
}

const pad = (s: string | undefined) => (s ?? '').padStart(2, '0');

/** True when `to` is before `from` (partial dates compare by their common prefix). */
export function endsBeforeStart(from: string | null, to: string | null): boolean {
  if (!from || !to) return false;
  const n = Math.min(from.length, to.length);
  return to.slice(0, n) < from.slice(0, n);
}

/** "since 2023", "2020 – 2023", "until 2023", or "". */
export function describePeriod(from: string | null, to: string | null): string {
  if (from && to) return `${from} – ${to}`;
  if (from) return `since ${from}`;
  if (to) return `until ${to}`;
  return '';
}
