/**
 * The gate between what a model (or a rule, or an import) proposes and what memory stores.
 * Empty, placeholder, absurd and sensitive facts are dropped here with a reason for the log;
 * the model proposes, this code disposes.
 */
import type { EntityType, FactCategory } from '../../../src-preload/schemas/memory.js';
import { FACT_CATEGORIES } from '../../../src-preload/schemas/memory.js';
import { isSensitivePredicate, normalisePredicate, predicateSpec } from './predicates.js';
import { containsSensitive, findSensitive, SENSITIVE_KIND_LABEL } from './privacy-filter.js';
import { endsBeforeStart, parseValidityDate } from './validity-dates.js';

/** A fact as proposed, before any checks. */
export interface CandidateFact {
  subject: string;
  subjectType?: EntityType | 'unknown' | null;
  predicate: string;
  object: string;
  /** 'value' for plain values; an entity type when the object names one. */
  objectType?: EntityType | 'value' | null;
  category?: string | null;
  confidence: number;
  validFrom?: string | null;
  validTo?: string | null;
  /** The statement says the value changed ("now", "since", "new"), so an older value is closed, not contradicted. */
  isChange?: boolean;
}

/** A fact that passed every check, normalised and ready to write. */
export interface ValidFact {
  subject: string;
  subjectType: EntityType | null;
  predicate: string;
  object: string;
  objectType: EntityType | null;
  category: FactCategory;
  confidence: number;
  validFrom: string | null;
  validTo: string | null;
  isChange: boolean;
}

export type Validation = { ok: true; fact: ValidFact } | { ok: false; reason: string; predicate: string };

const PLACEHOLDERS = /^(?:null|undefined|none|n\/?a|na|nil|unknown|unspecified|not specified|not mentioned|tbd|tba|\?+|-+|\.+|_+|'|"|\[\]|\{\}|empty|<[^>]*>|\[[^\]]*\]|xxx+|example|string|value|object|subject)$/i;
const MAX_SUBJECT = 100;
const MAX_OBJECT = 300;

const CATEGORY_BY_TYPE: Record<EntityType, FactCategory> = {
  person: 'team_members',
  team: 'team_members',
  company: 'company_info',
  project: 'projects',
  tool: 'integrations',
  place: 'company_info',
};

const clean = (s: unknown): string => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '');

export function validateCandidate(candidate: CandidateFact, now: Date): Validation {
  const rawPredicate = clean(candidate.predicate);
  const drop = (reason: string, predicate = rawPredicate.slice(0, 48)): Validation => ({ ok: false, reason, predicate });
  const subject = clean(candidate.subject).replace(/^["'“”]+|["'“”]+$/g, '');
  const object = clean(candidate.object).replace(/^["'“”]+|["'“”]+$/g, '');

  if (!subject) return drop('empty subject');
  if (!rawPredicate) return drop('empty predicate');
  if (!object) return drop('empty value');
  if (PLACEHOLDERS.test(subject)) return drop('placeholder subject');
  if (PLACEHOLDERS.test(object)) return drop('placeholder value');
  if (subject.length > MAX_SUBJECT) return drop('subject too long');
  if (object.length > MAX_OBJECT) return drop('value too long');
  if (!/[\p{L}\p{N}]/u.test(subject)) return drop('subject has no words');
  if (!/[\p{L}\p{N}]/u.test(object)) return drop('value has no words');

  // Sensitive data is refused before anything else can keep it; the log names the kind only.
  for (const part of [subject, rawPredicate, object]) {
    const finding = findSensitive(part)[0];
    if (finding) return drop(`sensitive: ${SENSITIVE_KIND_LABEL[finding.kind]}`, '[withheld]');
  }
  const predicate = normalisePredicate(rawPredicate);
  if (!predicate) return drop('unreadable predicate');
  if (isSensitivePredicate(predicate)) return drop('sensitive: a credential or personal detail', predicate);
  if (subject.toLowerCase() === object.toLowerCase()) return drop('value repeats the subject', predicate);

  const spec = predicateSpec(predicate);
  const problem = spec?.check?.(object);
  if (problem) return drop(`absurd value: ${problem}`, predicate);

  const from = parseValidityDate(candidate.validFrom, now);
  if (!from.ok) return drop(`absurd date: ${from.reason}`, predicate);
  const to = parseValidityDate(candidate.validTo, now);
  if (!to.ok) return drop(`absurd date: ${to.reason}`, predicate);
  if (endsBeforeStart(from.value, to.value)) return drop('absurd date: ends before it starts', predicate);

  const confidence = Number.isFinite(candidate.confidence) ? Math.min(1, Math.max(0, candidate.confidence)) : NaN;
  if (!Number.isFinite(confidence) || confidence <= 0) return drop('no confidence', predicate);

  const subjectType = candidate.subjectType && candidate.subjectType !== 'unknown' ? candidate.subjectType : null;
  const objectType = candidate.objectType && candidate.objectType !== 'value' ? candidate.objectType : null;
  const proposed = FACT_CATEGORIES.find((c) => c === candidate.category);
  // A specific category from the model wins; "other" or nothing falls back to what the predicate or subject implies.
  const category: FactCategory =
    proposed && proposed !== 'other' ? proposed : (spec?.category ?? (subjectType ? CATEGORY_BY_TYPE[subjectType] : undefined) ?? proposed ?? 'other');

  return {
    ok: true,
    fact: {
      subject,
      subjectType,
      predicate,
      object,
      objectType,
      category,
      confidence,
      validFrom: from.value,
      validTo: to.value,
      isChange: candidate.isChange === true || (from.value !== null && to.value === null),
    },
  };
}

/** True when an entity name may be stored (not empty, not absurdly long, nothing sensitive). */
export function isStorableName(name: string): boolean {
  const n = clean(name);
  return n.length >= 1 && n.length <= MAX_SUBJECT && /\p{L}/u.test(n) && !PLACEHOLDERS.test(n) && !containsSensitive(n);
}
