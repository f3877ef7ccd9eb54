/**
 * What memory knows about predicates: their canonical names, which are single-valued (a new
 * value closes the old one instead of piling up), which link two entities (relationships), and
 * which words find them in a keyword search.
 */
import type { EntityType, FactCategory } from '../../../src-preload/schemas/memory.js';

export const RELATIONSHIP_TYPES = [
  'works_for',
  'manages',
  'member_of',
  'owned_by',
  'integrated_with',
  'reports_to',
  'uses',
  'client_of',
  'supplier_of',
  'located_in',
  'part_of',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export interface PredicateSpec {
  /** One current value per subject: a new value closes the old fact (email of a person, title, company name). */
  singlePerSubject: boolean;
  /** The object names another entity of this type (null: any type). */
  relationship?: { type: RelationshipType; targetType: EntityType | null };
  category: FactCategory;
  /** Extra words that find the fact in keyword search ("phone" also matches "number", "mobile"). */
  words: readonly string[];
  /** Reads as "<subject> <label> <object>" in sentences; default "<subject>'s <label> is <object>". */
  verb?: string;
  /** A reason the value is absurd for this predicate, or null when it is fine. */
  check?: (object: string) => string | null;
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[A-Za-z]{2,}$/;
const hasLetter = (s: string) => (/\p{L}/u.test(s) ? null : 'must contain a word');

export const PREDICATES: Readonly<Record<string, PredicateSpec>> = {
  email: {
    singlePerSubject: true,
    category: 'team_members',
    words: ['email', 'e-mail', 'mail', 'address'],
    check: (o) => (EMAIL.test(o) ? null : 'is not an email address'),
  },
  phone: {
    singlePerSubject: true,
    category: 'team_members',
    words: ['phone', 'number', 'telephone', 'mobile', 'cell'],
    check: (o) => (o.replace(/\D/g, '').length >= 6 && o.replace(/\D/g, '').length <= 15 ? null : 'is not a phone number'),
  },
  title: { singlePerSubject: true, category: 'team_members', words: ['title', 'role', 'position', 'job'], verb: 'is', check: hasLetter },
  reports_to: {
    singlePerSubject: true,
    category: 'team_members',
    words: ['reports', 'manager', 'boss'],
    verb: 'reports to',
    relationship: { type: 'reports_to', targetType: 'person' },
  },
  manages: { singlePerSubject: false, category: 'team_members', words: ['manages', 'manager', 'lead'], verb: 'manages', relationship: { type: 'manages', targetType: null } },
  member_of: { singlePerSubject: false, category: 'team_members', words: ['member', 'team'], verb: 'is a member of', relationship: { type: 'member_of', targetType: 'team' } },
  works_for: { singlePerSubject: true, category: 'team_members', words: ['works', 'employer', 'company'], verb: 'works for', relationship: { type: 'works_for', targetType: 'company' } },
  owned_by: { singlePerSubject: true, category: 'projects', words: ['owner', 'owned', 'responsible'], verb: 'is owned by', relationship: { type: 'owned_by', targetType: null } },
  integrated_with: {
    singlePerSubject: false,
    category: 'integrations',
    words: ['integration', 'integrated', 'connected'],
    verb: 'is integrated with',
    relationship: { type: 'integrated_with', targetType: 'tool' },
  },
  uses: { singlePerSubject: false, category: 'integrations', words: ['uses', 'tool', 'software', 'service'], verb: 'uses', relationship: { type: 'uses', targetType: 'tool' } },
  client_of: { singlePerSubject: false, category: 'company_info', words: ['client', 'customer'], verb: 'is a client of', relationship: { type: 'client_of', targetType: 'company' } },
  supplier_of: { singlePerSubject: false, category: 'company_info', words: ['supplier', 'vendor'], verb: 'is a supplier of', relationship: { type: 'supplier_of', targetType: 'company' } },
  located_in: { singlePerSubject: true, category: 'company_info', words: ['location', 'based', 'office', 'city'], verb: 'is in', relationship: { type: 'located_in', targetType: 'place' } },
  part_of: { singlePerSubject: true, category: 'company_info', words: ['part'], verb: 'is part of', relationship: { type: 'part_of', targetType: null } },
  company_name: { singlePerSubject: true, category: 'company_info', words: ['name', 'company', 'business'], check: hasLetter },
  legal_name: { singlePerSubject: true, category: 'company_info', words: ['legal', 'name', 'registered'], check: hasLetter },
  name: { singlePerSubject: true, category: 'other', words: ['name', 'called'], check: hasLetter },
  website: { singlePerSubject: true, category: 'company_info', words: ['website', 'site', 'url', 'domain'] },
  address: { singlePerSubject: true, category: 'company_info', words: ['address', 'street', 'office'] },
  founded: {
    singlePerSubject: true,
    category: 'company_info',
    words: ['founded', 'started', 'established'],
    check: (o) => {
      const year = Number(/\b(1[6-9]\d\d|2[01]\d\d)\b/.exec(o)?.[1]);
      return year ? null : 'is not a founding year';
    },
  },
  industry: { singlePerSubject: true, category: 'company_info', words: ['industry', 'sector', 'business'] },
  employee_count: {
    singlePerSubject: true,
    category: 'company_info',
    words: ['employees', 'staff', 'headcount', 'people'],
    check: (o) => {
      const n = Number(o.replace(/[,\s]/g, ''));
      return Number.isFinite(n) && n >= 1 && n <= 5_000_000 ? null : 'is not a believable number of employees';
    },
  },
  timezone: { singlePerSubject: true, category: 'preferences', words: ['timezone', 'time', 'zone'] },
  currency: { singlePerSubject: true, category: 'company_info', words: ['currency', 'money'] },
  fiscal_year_end: { singlePerSubject: true, category: 'company_info', words: ['fiscal', 'financial', 'year'] },
  language: { singlePerSubject: true, category: 'preferences', words: ['language', 'speaks'] },
  prefers: { singlePerSubject: false, category: 'preferences', words: ['prefers', 'preference', 'likes', 'wants'], verb: 'prefers' },
  status: { singlePerSubject: true, category: 'projects', words: ['status', 'state', 'progress'] },
  deadline: { singlePerSubject: true, category: 'projects', words: ['deadline', 'due', 'date'] },
  budget: { singlePerSubject: true, category: 'projects', words: ['budget', 'cost', 'spend'] },
  decision: { singlePerSubject: false, category: 'projects', words: ['decided', 'decision', 'agreed'] },
  birthday: { singlePerSubject: true, category: 'team_members', words: ['birthday', 'born'] },
  note: { singlePerSubject: false, category: 'other', words: ['note'] },
  credential_in_keychain: { singlePerSubject: false, category: 'integrations', words: ['credential', 'key', 'keychain', 'login'], verb: 'has a credential saved in the keychain as' },
};

/** Phrases the model or the user may use for a canonical predicate. */
const SYNONYMS: Readonly<Record<string, string>> = {
  email_address: 'email',
  e_mail: 'email',
  mail: 'email',
  work_email: 'email',
  has_email: 'email',
  phone_number: 'phone',
  telephone: 'phone',
  mobile: 'phone',
  mobile_number: 'phone',
  cell: 'phone',
  has_phone: 'phone',
  job_title: 'title',
  role: 'title',
  position: 'title',
  job: 'title',
  is: 'title',
  is_a: 'title',
  has_title: 'title',
  has_role: 'title',
  holds_role: 'title',
  works_as: 'title',
  manager: 'reports_to',
  boss: 'reports_to',
  has_manager: 'reports_to',
  reports_into: 'reports_to',
  line_manager: 'reports_to',
  works_at: 'works_for',
  employed_by: 'works_for',
  employer: 'works_for',
  works_with_company: 'works_for',
  member: 'member_of',
  is_member_of: 'member_of',
  in_team: 'member_of',
  team: 'member_of',
  belongs_to: 'member_of',
  belongs_to_team: 'member_of',
  part_of_team: 'member_of',
  works_in: 'member_of',
  leads: 'manages',
  runs: 'manages',
  heads: 'manages',
  manages_team: 'manages',
  owner: 'owned_by',
  owned_by_person: 'owned_by',
  responsible: 'owned_by',
  integrates_with: 'integrated_with',
  connected_to: 'integrated_with',
  integration: 'integrated_with',
  use: 'uses',
  uses_tool: 'uses',
  tool: 'uses',
  customer_of: 'client_of',
  client: 'client_of',
  vendor_of: 'supplier_of',
  based_in: 'located_in',
  location: 'located_in',
  city: 'located_in',
  headquarters: 'located_in',
  headquartered_in: 'located_in',
  office: 'located_in',
  company: 'company_name',
  business_name: 'company_name',
  registered_name: 'legal_name',
  url: 'website',
  site: 'website',
  founded_in: 'founded',
  established: 'founded',
  number_of_employees: 'employee_count',
  headcount: 'employee_count',
  employees: 'employee_count',
  time_zone: 'timezone',
  preference: 'prefers',
  likes: 'prefers',
  prefer: 'prefers',
  wants: 'prefers',
  project_status: 'status',
  due_date: 'deadline',
  due: 'deadline',
  decided: 'decision',
  agreed: 'decision',
  born: 'birthday',
  date_of_birth: 'birthday',
};

/** Predicates that hold a credential or something personal: such facts are dropped whatever their value. */
const SENSITIVE_PREDICATE =
  /(?:^|_)(?:password|passwd|passcode|passphrase|pin|ssn|social_security|sin|nino|national_insurance|passport|licen[cs]e_number|card|credit_card|card_number|cvv|cvc|iban|bank_account|account_number|routing|api_key|apikey|token|secret|private_key|diagnos[a-z]*|medical[a-z_]*|health[a-z_]*|medication|prescription|condition|illness|disease|allerg[a-z]*|pregnan[a-z]*|disabilit[a-z]*|therapy|blood_type)(?:_|$)/;

/** snake_case name of a predicate phrase ("Email address" → email), or null when nothing readable is left. */
export function normalisePredicate(raw: string): string | null {
  const snake = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(?:the|a|an|his|her|their|its|our|my)_/, '');
  if (!/^[a-z][a-z0-9_]{0,47}$/.test(snake)) return null;
  return SYNONYMS[snake] ?? snake;
}

export function predicateSpec(predicate: string): PredicateSpec | undefined {
  return PREDICATES[predicate];
}

export function isSingleValued(predicate: string): boolean {
  // Any "preferred_x" is one choice at a time.
  return PREDICATES[predicate]?.singlePerSubject ?? predicate.startsWith('preferred_');
}

export function isSensitivePredicate(predicate: string): boolean {
  return SENSITIVE_PREDICATE.test(predicate);
}

export function predicateWords(predicate: string): string {
  const spec = PREDICATES[predicate];
  return [predicate.replace(/_/g, ' '), ...(spec?.words ?? [])].join(' ');
}

/** Words of a predicate that are written in capitals in a sentence ("VAT number", "EIN", "website URL"). */
const LABEL_ACRONYMS = new Set(['vat', 'ein', 'gst', 'tin', 'abn', 'duns', 'url', 'id', 'iso', 'crm', 'erp', 'sku', 'ceo', 'cfo', 'cto', 'coo', 'hq', 'eu', 'uk', 'us']);

export function predicateLabel(predicate: string): string {
  return predicate
    .split('_')
    .map((word) => (LABEL_ACRONYMS.has(word) ? word.toUpperCase() : word))
    .join(' ');
}

/** "Sarah is CFO", "John's email is john@acme.com", "Alice is a member of Engineering". */
export function factSentence(subject: string, predicate: string, object: string): string {
  const verb = PREDICATES[predicate]?.verb;
  return verb ? `${subject} ${verb} ${object}` : `${subject}'s ${predicateLabel(predicate)} is ${object}`;
}

const EXECUTIVE_ACRONYMS: Readonly<Record<string, string>> = {
  'chief executive officer': 'ceo',
  'chief financial officer': 'cfo',
  'chief technology officer': 'cto',
  'chief technical officer': 'cto',
  'chief operating officer': 'coo',
  'chief marketing officer': 'cmo',
  'chief information officer': 'cio',
  'chief information security officer': 'ciso',
  'chief product officer': 'cpo',
  'chief revenue officer': 'cro',
  'chief people officer': 'cpo',
  'chief human resources officer': 'chro',
};

/** Compares titles by meaning: "Chief Financial Officer", "the CFO" and "cfo" are one title. */
export function canonicalTitle(title: string): string {
  const t = title
    .toLowerCase()
    .replace(/[.]/g, '')
    .replace(/^(?:the|our|my|a|an)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return EXECUTIVE_ACRONYMS[t] ?? t;
}

/** Titles only one person holds at a time: a new holder ends the previous one's term. */
export function isUniqueTitle(title: string): boolean {
  const t = canonicalTitle(title);
  return /^(?:ceo|cfo|cto|coo|cmo|cio|ciso|cpo|cro|cso|cdo|clo|chro|chief [a-z ]+ officer|president|chair(?:man|woman|person)?|managing director|general manager|head of [a-z &]+|vp of [a-z &]+|vice president of [a-z &]+|director of [a-z &]+|controller|treasurer|company secretary)$/.test(t);
}
