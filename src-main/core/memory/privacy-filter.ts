/**
 * The privacy filter every piece of text passes before memory stores it (facts, entity names,
 * episodes, summaries). Payment cards, national IDs, bank accounts, passwords, API keys and
 * personal health information are never stored as facts; episodes keep a redacted form.
 *
 * It errs towards refusing: a false alarm costs a fact the user can restate, a miss stores
 * something that must never be on disk.
 */
import { passesLuhn } from './luhn.js';

export type SensitiveKind = 'payment_card' | 'national_id' | 'bank_account' | 'password' | 'api_key' | 'health' | 'dietary';

export interface SensitiveFinding {
  kind: SensitiveKind;
  start: number;
  end: number;
  /** The matched text (for the keychain hand-off of credentials; never logged). */
  value: string;
}

const PLACEHOLDER: Record<SensitiveKind, string> = {
  payment_card: '[card number removed]',
  national_id: '[ID number removed]',
  bank_account: '[bank account removed]',
  password: '[password removed]',
  api_key: '[API key removed]',
  health: '[health information removed]',
  dietary: '[dietary or allergy information removed]',
};

export const SENSITIVE_KIND_LABEL: Record<SensitiveKind, string> = {
  payment_card: 'a payment card number',
  national_id: 'a national ID number',
  bank_account: 'a bank account number',
  password: 'a password',
  api_key: 'an API key or token',
  health: 'personal health information',
  dietary: 'allergy or dietary information',
};

/** Credentials belong in the keychain; the rest is simply never kept. */
export const isCredential = (kind: SensitiveKind): boolean => kind === 'password' || kind === 'api_key';

interface Detector {
  kind: SensitiveKind;
  pattern: RegExp;
  /** Which capture group is the sensitive value (0 = whole match). */
  group?: number;
  accept?: (value: string, match: RegExpExecArray) => boolean;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

const DETECTORS: readonly Detector[] = [
  // Payment cards: 13–19 digits, optionally grouped by spaces or dashes, Luhn-valid.
  {
    kind: 'payment_card',
    pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g,
    accept: (value) => {
      const d = digitsOf(value);
      return d.length >= 13 && d.length <= 19 && passesLuhn(d) && !/^(\d)\1+$/.test(d);
    },
  },
  // Card security codes only count next to their name.
  { kind: 'payment_card', pattern: /\b(?:cvv2?|cvc2?|csc|security code)\b\W{0,3}(?:is\s+|:\s*|=\s*)?(\d{3,4})\b/gi, group: 1 },
  // US Social Security / ITIN numbers in their usual 3-2-4 form.
  {
    kind: 'national_id',
    pattern: /(?<!\d)(\d{3})[- ](\d{2})[- ](\d{4})(?!\d)/g,
    accept: (_v, m) => m[1] !== '000' && m[1] !== '666' && m[2] !== '00' && m[3] !== '0000',
  },
  // Any national ID named as such, followed by something that looks like an identifier.
  {
    kind: 'national_id',
    pattern:
      /\b(?:ssn|social security(?: number| no\.?)?|itin|sin|social insurance number|national insurance(?: number| no\.?)?|nino|national id(?:entity)?(?: number| card| no\.?)?|passport(?: number| no\.?)?|driver'?s? licen[cs]e(?: number| no\.?)?|driving licen[cs]e(?: number| no\.?)?|tax file number|tfn|aadhaar|personnummer|bsn|nif|dni|codice fiscale|steuer-?id|personal id(?:entification)? number)\b[^A-Za-z0-9]{0,6}(?:is\s+|was\s+|:\s*|#\s*)?([A-Z0-9][A-Z0-9 -]{4,22}[A-Z0-9])/gi,
    group: 1,
    accept: (value) => /\d/.test(value) && digitsOf(value).length >= 4,
  },
  // UK National Insurance numbers (two letters, six digits, one letter).
  { kind: 'national_id', pattern: /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g },
  // IBANs (country code, check digits, 11–30 alphanumerics), checked with ISO 7064 mod 97.
  {
    kind: 'bank_account',
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g,
    accept: (value) => ibanChecksumOk(value.replace(/ /g, '')),
  },
  {
    kind: 'bank_account',
    pattern: /\b(?:bank account|account number|acct(?: no\.?| number)?|routing number|sort code|bsb)\b[^A-Za-z0-9]{0,6}(?:is\s+|:\s*)?(\d[\d -]{4,20}\d)/gi,
    group: 1,
  },
  // Passwords and passphrases stated in words or key=value form. The "for X" part never crosses a
  // sentence end ("…a pin on your purse. Is Spider-Man…" is not a PIN), and "is" must be followed by
  // something that can be a secret, not an ordinary word ("the password is stored in 1Password").
  {
    kind: 'password',
    pattern: /\b(?:password|passwd|pwd|passcode|passphrase|pass phrase|wi-?fi (?:key|code))\b(?:\s+(?:for|to|of|on)\s+(?:(?![.!?](?:\s|$))[\w .@-]){1,40}?)?(?:\s+(?:is|was)\s+|\s*[=:]\s*|\s+-\s+)["'`]?([^\s"'`]{3,128}?)(?=[.,;:]?(?:\s|$|["'`]))/gi,
    group: 1,
    accept: (value) => isSecretLike(value),
  },
  // PINs only as digits: "pin" is also a badge, a map pin or a pinned message.
  {
    kind: 'password',
    pattern: /\b(?:pin(?: code| number)?)\b(?:\s+(?:for|to|of|on)\s+(?:(?![.!?](?:\s|$))[\w .@-]){1,40}?)?(?:\s+(?:is|was)\s+|\s*[=:]\s*)(\d{4,8})\b/gi,
    group: 1,
  },
  // Connection strings with an embedded password: scheme://user:password@host
  { kind: 'password', pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@]+:([^\s@/]{3,})@[^\s]+/gi, group: 1 },
  // Well-known API key and token formats.
  { kind: 'api_key', pattern: /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}/g },
  { kind: 'api_key', pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}/g },
  { kind: 'api_key', pattern: /\bwhsec_[A-Za-z0-9]{16,}/g },
  { kind: 'api_key', pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}/g },
  { kind: 'api_key', pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g },
  { kind: 'api_key', pattern: /\bglpat-[A-Za-z0-9_-]{16,}/g },
  { kind: 'api_key', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { kind: 'api_key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: 'api_key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'api_key', pattern: /\bSK[0-9a-f]{32}\b/g },
  { kind: 'api_key', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  { kind: 'api_key', pattern: /\bnpm_[A-Za-z0-9]{30,}/g },
  { kind: 'api_key', pattern: /\bhf_[A-Za-z0-9]{30,}/g },
  { kind: 'api_key', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
  { kind: 'api_key', pattern: /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/gi },
  { kind: 'api_key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g },
  { kind: 'api_key', pattern: /\b(?:AccountKey|SharedAccessKey|aws_secret_access_key|client_secret)\s*[=:]\s*([A-Za-z0-9+/=_-]{16,})/gi, group: 1 },
  // Any key, token or secret named as such and followed by a long opaque value.
  {
    kind: 'api_key',
    pattern:
      /\b(?:api[ _-]?key|api[ _-]?token|access[ _-]?token|auth(?:entication|orization)?[ _-]?token|secret(?:[ _-]?key)?|client[ _-]?secret|private[ _-]?key|signing[ _-]?key|token|app[ _-]?password|webhook[ _-]?secret)\b(?:\s+(?:for|to|of|on)\s+[\w .-]{1,30}?)?(?:\s*(?:is|was|=|:|-)\s*|\s+)["'`]?([A-Za-z0-9._~+/=-]{12,})/gi,
    group: 1,
    // Opaque values mix digits and letters; "token expires tomorrow" does not.
    accept: (value) => /\d/.test(value) && /[A-Za-z]/.test(value),
  },
];

/**
 * Personal health information: conditions, treatments and medical identifiers. Health words in
 * a sentence mark the whole sentence as sensitive, because the condition and the person it is
 * about are rarely in the same few words. Allergies and dietary needs are their own category:
 * "Ravi is allergic to shellfish, keep it off the team dinner menu" is business context, kept by
 * default and withheld only when the user asks for it (Memory › Learning, `withhold.dietary`).
 */
const HEALTH_TERMS =
  /\b(?:diagnos(?:is|ed|es|e)|prescri(?:bed|ption)s?|medications?|medical (?:condition|history|record|leave|appointment)s?|mrn|patient id|health insurance (?:member|policy|id)|chronic (?:illness|pain|condition)|cancer|tumou?rs?|chemo(?:therapy)?|radiotherapy|diabet(?:es|ic)|insulin|hiv|hepatitis|epilep(?:sy|tic)|seizures?|asthma|depression|depressed|anxiety disorder|panic attacks?|bipolar|schizophreni[ac]|adhd|autis(?:m|tic)|ptsd|ocd|dementia|alzheimer'?s?|parkinson'?s?|multiple sclerosis|pregnan(?:t|cy)|miscarriage|ivf|fertility treatment|surgery|operation on (?:her|his|their|my) \w+|(?:in|into|out of|back from|went to|goes to|going to|gone to|checked into) rehab|rehab (?:clinic|centre|center|program(?:me)?|facility)|addiction|overdose|therapist|psychiatrist|therapy sessions?|counsell?ing sessions?|antidepressants?|sertraline|fluoxetine|prozac|zoloft|xanax|adderall|ritalin|metformin|methadone|blood (?:type|pressure|test results?|sugar)|cholesterol|hba1c|biopsy|mri scan|sexually transmitted|disabilit(?:y|ies)|(?:on|off) sick leave|mental health (?:condition|issues?|problems?|crisis))\b/i;
/** Acronyms that are ordinary words in lower case ("visual aids"). */
const HEALTH_TERMS_EXACT_CASE = /\b(?:AIDS|STDs?|STIs?)\b/;
const ALLERGY_TERMS = /\b(?:allerg(?:y|ies|ic)|anaphyla(?:xis|ctic)|epipen|coeliac|celiac|gluten[- ]free|lactose[- ]intolerant|intolerant to|food intolerances?)\b/i;
/** An allergy is dietary when food is named; an allergy to penicillin or latex is medical. */
const FOOD_TERMS =
  /\b(?:food|foods|menu|lunch|dinner|breakfast|meal|meals|catering|snacks?|shellfish|shrimp|prawns?|lobster|crab|fish|nuts?|peanuts?|almonds?|cashews?|sesame|gluten|wheat|dairy|milk|lactose|eggs?|soy|strawberr(?:y|ies)|vegan|vegetarian|kosher|halal|coeliac|celiac)\b/i;

/** Which kinds of personal information memory withholds. Credentials, cards, IDs and bank details are always withheld. */
export interface WithholdSettings {
  health: boolean;
  dietary: boolean;
}
export const DEFAULT_WITHHOLD: WithholdSettings = { health: true, dietary: false };

export interface FilterOptions {
  withhold?: Partial<WithholdSettings>;
}

/** Words that follow "the password is" without being a password. */
const NOT_A_SECRET =
  /^(?:a|an|the|not|now|set|same|changed|reset|required|strong|weak|secret|hidden|stored|saved|kept|written|in|on|at|under|with|from|for|expired|expiring|wrong|incorrect|correct|right|too|very|still|missing|unknown|different|easy|hard|long|short|fine|ok|okay|good|bad|new|old|taped|shared|there|here|somewhere|what|which|that|this|it|your|my|our|their|his|her|case-sensitive|sensitive|blank|empty|invalid|valid|locked|needed|mandatory|optional|being|going|about|also|just|probably|always|never|only)$/i;
const isSecretLike = (value: string): boolean => !NOT_A_SECRET.test(value.replace(/[.,;:!?)]+$/, ''));

const SENTENCE = /[^.!?\n;]+[.!?\n;]*/g;

/** Every sensitive span in `text`, sorted and without overlaps. */
export function findSensitive(text: string, options: FilterOptions = {}): SensitiveFinding[] {
  const withhold = { ...DEFAULT_WITHHOLD, ...options.withhold };
  const found: SensitiveFinding[] = [];
  for (const detector of DETECTORS) {
    // The 'd' flag gives each group's own span, so the marker replaces only the value.
    const pattern = new RegExp(detector.pattern.source, `${detector.pattern.flags}d`);
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex += 1;
        continue;
      }
      const group = detector.group ?? 0;
      const value = m[group];
      const span = m.indices?.[group];
      if (value === undefined || !span) continue;
      if (detector.accept && !detector.accept(value, m)) continue;
      found.push({ kind: detector.kind, start: span[0], end: span[1], value });
    }
  }
  for (const sentence of text.matchAll(SENTENCE)) {
    const allergy = ALLERGY_TERMS.test(sentence[0]);
    const food = allergy && FOOD_TERMS.test(sentence[0]);
    const health = withhold.health && (HEALTH_TERMS.test(sentence[0]) || HEALTH_TERMS_EXACT_CASE.test(sentence[0]) || (allergy && !food));
    const dietary = withhold.dietary && food;
    if (health || dietary) {
      const lead = sentence[0].length - sentence[0].trimStart().length;
      const trimmed = sentence[0].trim().replace(/[.!?\n;]+$/, '');
      found.push({ kind: health ? 'health' : 'dietary', start: sentence.index + lead, end: sentence.index + lead + trimmed.length, value: trimmed });
    }
  }
  return mergeOverlaps(text, found);
}

export function containsSensitive(text: string, options: FilterOptions = {}): boolean {
  return findSensitive(text, options).length > 0;
}

export interface RedactionResult {
  text: string;
  findings: SensitiveFinding[];
}

/** `text` with every sensitive span replaced by a marker that says what was removed. */
export function redactSensitive(text: string, options: FilterOptions = {}): RedactionResult {
  const findings = findSensitive(text, options);
  if (findings.length === 0) return { text, findings };
  let out = '';
  let cursor = 0;
  for (const f of findings) {
    out += text.slice(cursor, f.start) + PLACEHOLDER[f.kind];
    cursor = f.end;
  }
  return { text: out + text.slice(cursor), findings };
}

function mergeOverlaps(text: string, findings: SensitiveFinding[]): SensitiveFinding[] {
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SensitiveFinding[] = [];
  for (const f of findings) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) {
      // Keep the wider span; a health sentence swallows the card number inside it.
      if (f.end > last.end) {
        last.end = f.end;
        last.value = text.slice(last.start, last.end);
      }
      continue;
    }
    out.push({ ...f });
  }
  return out;
}

function ibanChecksumOk(iban: string): boolean {
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}
