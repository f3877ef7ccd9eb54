/**
 * The demo's deterministic reading of an onboarding request — used when no language model is
 * installed, so the demo never pretends one is answering. Plain code over one sentence shape:
 *   "Onboard <First> <Last> as <job title> starting <Month> <day>[, <year>] at $<salary>[,] reporting to <manager>"
 * The manager is found among the profile's people by first or full name; the new hire's email is
 * their name at the company's domain. Anything the sentence does not say clearly is reported as
 * missing, never guessed.
 */

export interface OnboardingInputs {
  firstName: string;
  lastName: string;
  jobTitle: string;
  startDate: string;
  salary: number;
  manager: string;
  email: string;
  department?: string;
}

export type OnboardingReading = { kind: 'not-onboarding' } | { kind: 'incomplete'; problems: string[] } | { kind: 'ok'; inputs: OnboardingInputs };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const SENTENCE =
  /^\s*onboard\s+(?<first>[A-Z][\p{L}'-]*)\s+(?<last>[A-Z][\p{L}'-]*)\s+as\s+(?:an?\s+)?(?<title>.+?)\s*,?\s+start(?:ing|s)?\s+(?:on\s+)?(?<month>[A-Za-z]+)\s+(?<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<year>\d{4}))?\s*,?\s+at\s+\$\s?(?<salary>[\d,]+(?:\.\d+)?)\s*(?<k>k)?\s*(?:a\s+year|per\s+year|\/\s*year)?\s*,?\s+reporting\s+to\s+(?<manager>[\p{L}' -]+?)\s*\.?\s*$/iu;

export interface SentenceContext {
  today: Date;
  /** The profile's people: the manager must be one of them. */
  people: readonly { name: string; departments: readonly string[] }[];
  /** The company's email domain, for the new hire's address. */
  emailDomain: string;
}

export function readOnboardingSentence(text: string, context: SentenceContext): OnboardingReading {
  if (!/^\s*onboard\b/i.test(text)) return { kind: 'not-onboarding' };
  const match = SENTENCE.exec(text);
  if (!match?.groups) {
    return {
      kind: 'incomplete',
      problems: ['the request does not have the shape "Onboard <first> <last name> as <job title> starting <month> <day> at $<salary>, reporting to <manager>"'],
    };
  }
  const g = match.groups as Record<string, string | undefined>;
  const problems: string[] = [];
  const startDate = startDateOf(g.month!, Number(g.day), g.year ? Number(g.year) : null, context.today);
  if (!startDate) problems.push(`"${g.month} ${g.day}" is not a date`);
  const salary = Number(g.salary!.replace(/,/g, '')) * (g.k ? 1000 : 1);
  if (!Number.isFinite(salary) || salary <= 0) problems.push(`"$${g.salary}" is not a salary`);
  const wanted = g.manager!.trim().toLowerCase();
  const managers = context.people.filter((p) => p.name.toLowerCase() === wanted || p.name.toLowerCase().split(/\s+/)[0] === wanted);
  if (managers.length === 0) problems.push(`nobody called "${g.manager!.trim()}" has a profile here: the owner adds people before they can be named`);
  if (managers.length > 1) problems.push(`"${g.manager!.trim()}" could be ${managers.map((m) => m.name).join(' or ')}: give the full name`);
  if (problems.length > 0 || !startDate) return { kind: 'incomplete', problems };
  const manager = managers[0]!;
  const first = g.first!;
  const last = g.last!;
  const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '');
  return {
    kind: 'ok',
    inputs: {
      firstName: first,
      lastName: last,
      jobTitle: g.title!.trim(),
      startDate,
      salary,
      manager: manager.name,
      email: `${slug(first)}.${slug(last)}@${context.emailDomain}`,
      ...(manager.departments[0] && { department: manager.departments[0] }),
    },
  };
}

/** The next such date from today (a start date is in the future); a given year is taken as is. */
function startDateOf(monthName: string, day: number, year: number | null, today: Date): string | null {
  const month = MONTHS.findIndex((m) => m === monthName.toLowerCase() || (monthName.length >= 3 && m.startsWith(monthName.toLowerCase())));
  if (month < 0 || day < 1 || day > 31) return null;
  const build = (y: number) => {
    const date = new Date(Date.UTC(y, month, day));
    return date.getUTCMonth() === month ? date : null;
  };
  let date = build(year ?? today.getUTCFullYear());
  if (!date) return null;
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (year === null && date.getTime() < todayUtc) date = build(today.getUTCFullYear() + 1);
  return date ? date.toISOString().slice(0, 10) : null;
}
