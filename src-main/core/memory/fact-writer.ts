/**
 * Writes one validated fact, deciding what it means for what memory already believes:
 *   - the same value again reinforces the existing fact;
 *   - a new value of a single-valued predicate (or a new holder of a one-person title) closes the
 *     old fact with valid_to when the statement is a change ("Sarah is CFO since 2023");
 *   - a contradiction of a confident fact is not decided here: the new fact waits as 'pending'
 *     and the user is asked which is correct.
 * Old facts are closed or retired, never deleted (DESIGN §7, Graphiti).
 */
import type { FactSource, MemoryQuestion } from '../../../src-preload/schemas/memory.js';
import type { EntityStore } from './entity-store.js';
import type { FactStore, JoinedFactRow } from './fact-store.js';
import type { ValidFact } from './fact-validation.js';
import { canonicalTitle, factSentence, isSingleValued, isUniqueTitle, predicateSpec } from './predicates.js';
import type { QuestionStore } from './question-store.js';
import { describePeriod } from './validity-dates.js';
import { confirmationReason } from './suggestion-rules.js';

/** Facts at or above this confidence are not overturned without asking. */
export const CONFIDENT = 0.8;
/** Confidence the model's explicit and implied statements get (code decides, not the model). */
export const EXPLICIT_CONFIDENCE = 0.9;
export const IMPLIED_CONFIDENCE = 0.6;
/** What the user said in so many words ("Remember that …", an edit, a settled question). */
export const USER_CONFIDENCE = 0.95;

export interface WriteContext {
  source: FactSource;
  /**
   * Where the text was read when it was not the user's own words ("the email from ana@x.com",
   * "text pasted by you"). Such facts are suggestions until the user confirms them.
   */
  origin?: string | null;
  sourceMessageId?: string | null;
  sourceConversationId?: string | null;
}

export type WriteOutcome =
  | { kind: 'stored'; fact: JoinedFactRow; closed: JoinedFactRow[] }
  | { kind: 'pending'; fact: JoinedFactRow; closed: JoinedFactRow[]; question: MemoryQuestion }
  | { kind: 'duplicate'; fact: JoinedFactRow; closed: JoinedFactRow[] };

export class FactWriter {
  constructor(
    private readonly entities: EntityStore,
    private readonly facts: FactStore,
    private readonly questions: QuestionStore,
    private readonly now: () => Date,
  ) {}

  /** Call inside a transaction: several rows change together. */
  write(fact: ValidFact, ctx: WriteContext): WriteOutcome {
    const today = this.now().toISOString().slice(0, 10);
    const subject = this.entities.ensure(fact.subject, fact.subjectType);
    const spec = predicateSpec(fact.predicate);
    const linksEntity = spec?.relationship !== undefined || fact.objectType !== null;
    const objectEntity = linksEntity ? this.entities.ensure(fact.object, spec?.relationship?.targetType ?? fact.objectType) : null;
    const object = objectEntity ? objectEntity.name : fact.object;
    this.entities.touch([subject.id, ...(objectEntity ? [objectEntity.id] : [])]);

    const existing = this.facts.sameValue(subject.id, fact.predicate, object, fact.validTo);
    // Untrusted text repeating what memory holds neither strengthens nor weakens it.
    if (existing && ctx.origin) return { kind: 'duplicate', fact: existing, closed: [] };
    if (existing) return this.reinforce(existing, fact);

    const rivals = this.rivalsOf(subject.id, fact.predicate, object);
    // A confident rival already makes this a "which is correct?" question below; a stated change
    // ("Bob's new email is …") would replace it silently, so that is what needs a confirmation.
    const asksAnyway = fact.validTo === null && !fact.isChange && rivals.some((r) => r.confidence >= CONFIDENT);
    const reason = confirmationReason({ predicate: fact.predicate, subject: subject.name, object, source: ctx.source, origin: ctx.origin ?? null, replacesKnownValue: rivals.length > 0 && !asksAnyway });
    if (reason) return this.suggest(fact, { subject, object, objectEntityId: objectEntity?.id ?? null }, ctx, reason);

    // A value that started before the current one is history: it ends where the current one begins.
    const newer = rivals.find((r) => fact.validFrom && r.valid_from && fact.validFrom < r.valid_from);
    const validTo = fact.validTo ?? (newer ? newer.valid_from : null);
    const historical = validTo !== null;

    const conflicting = historical ? [] : rivals.filter((r) => !fact.isChange && r.confidence >= CONFIDENT);
    const superseded = historical ? [] : rivals.filter((r) => !conflicting.includes(r));

    const stored = this.facts.insert({
      subjectEntityId: subject.id,
      subjectName: subject.name,
      predicate: fact.predicate,
      object,
      objectEntityId: objectEntity?.id ?? null,
      category: fact.category,
      confidence: fact.confidence,
      status: conflicting.length > 0 ? 'pending' : 'active',
      source: ctx.source,
      sourceMessageId: ctx.sourceMessageId ?? null,
      sourceConversationId: ctx.sourceConversationId ?? null,
      validFrom: fact.validFrom,
      validTo,
    });
    this.facts.addHistory(stored.id, 'created', createdDetail(ctx.source, fact.confidence));

    const closed: JoinedFactRow[] = [];
    for (const rival of superseded) {
      const end = fact.validFrom ?? today;
      closed.push(this.facts.update(rival.id, { valid_to: end, superseded_by: stored.id }));
      this.facts.addHistory(rival.id, 'superseded', `ended ${end}: ${factSentence(stored.subject_name, stored.predicate, stored.object)}`);
    }

    if (conflicting.length > 0) {
      const first = conflicting[0]!;
      const text = `You said before that ${sentenceOf(first)}, now that ${sentenceOf(stored)}. Which is correct?`;
      const row = this.questions.create({ kind: 'conflict', text, factIds: [...conflicting.map((c) => c.id), stored.id], payload: { existingIds: conflicting.map((c) => c.id), newId: stored.id } });
      this.facts.addHistory(stored.id, 'conflict', `contradicts what memory believed; waiting for the user`);
      return { kind: 'pending', fact: stored, closed, question: this.questions.toQuestion(row) };
    }

    this.applyNaming(stored);
    return { kind: 'stored', fact: this.facts.get(stored.id) ?? stored, closed };
  }

  /**
   * Stores a fact that waits for the user's yes: 'pending', with its origin, closing nothing, and a
   * 'confirm' question that says why. It never enters a prompt as something the user said.
   */
  private suggest(fact: ValidFact, resolved: { subject: { id: string; name: string }; object: string; objectEntityId: string | null }, ctx: WriteContext, reason: string): WriteOutcome {
    const stored = this.facts.insert({
      subjectEntityId: resolved.subject.id,
      subjectName: resolved.subject.name,
      predicate: fact.predicate,
      object: resolved.object,
      objectEntityId: resolved.objectEntityId,
      category: fact.category,
      confidence: fact.confidence,
      status: 'pending',
      source: ctx.source,
      sourceMessageId: ctx.sourceMessageId ?? null,
      sourceConversationId: ctx.sourceConversationId ?? null,
      validFrom: fact.validFrom,
      validTo: fact.validTo,
      origin: ctx.origin ?? null,
    });
    this.facts.addHistory(stored.id, 'created', `${createdDetail(ctx.source, fact.confidence)}${ctx.origin ? `, read in ${ctx.origin}` : ''}; waiting for the user's confirmation`);
    const text = `${reason}: ${sentenceOf(stored)}. Should I remember it?`;
    const row = this.questions.create({ kind: 'confirm', text, factIds: [stored.id], payload: { factId: stored.id, origin: ctx.origin ?? null } });
    return { kind: 'pending', fact: stored, closed: [], question: this.questions.toQuestion(row) };
  }

  /** The user said yes to a suggestion: it goes live and ends the values it replaces, as a stated fact would. */
  confirmSuggestion(factId: string): JoinedFactRow | null {
    const fact = this.facts.get(factId);
    if (!fact || fact.status !== 'pending') return null;
    const today = this.now().toISOString().slice(0, 10);
    if (fact.valid_to === null) {
      for (const rival of this.rivalsOf(fact.subject_entity_id, fact.predicate, fact.object)) {
        const end = fact.valid_from ?? today;
        this.facts.update(rival.id, { valid_to: end, superseded_by: fact.id });
        this.facts.addHistory(rival.id, 'superseded', `ended ${end}: ${factSentence(fact.subject_name, fact.predicate, fact.object)}`);
      }
    }
    const settled = this.facts.update(fact.id, { status: 'active', confidence: Math.max(fact.confidence, USER_CONFIDENCE) });
    this.facts.addHistory(fact.id, 'resolved', 'confirmed by the user');
    this.applyNaming(settled);
    return settled;
  }

  /** Current facts the new value competes with: same subject for single-valued predicates, other holders of a one-person title. */
  private rivalsOf(subjectId: string, predicate: string, object: string): JoinedFactRow[] {
    const out = new Map<string, JoinedFactRow>();
    if (isSingleValued(predicate)) {
      for (const r of this.facts.currentFor(subjectId, predicate)) if (r.object.toLowerCase() !== object.toLowerCase()) out.set(r.id, r);
    }
    if (predicate === 'title' && isUniqueTitle(object)) {
      const wanted = canonicalTitle(object);
      for (const r of this.facts.currentWithPredicate('title')) {
        if (r.subject_entity_id !== subjectId && canonicalTitle(r.object) === wanted) out.set(r.id, r);
      }
    }
    return [...out.values()];
  }

  private reinforce(existing: JoinedFactRow, fact: ValidFact): WriteOutcome {
    const patch: Parameters<FactStore['update']>[1] = {};
    if (fact.confidence > existing.confidence) patch.confidence = fact.confidence;
    if (fact.validFrom && !existing.valid_from) patch.valid_from = fact.validFrom;
    const closed: JoinedFactRow[] = [];
    // "John was CFO until 2023" about a fact we held as current: it has ended.
    if (fact.validTo && existing.valid_to === null) {
      patch.valid_to = fact.validTo;
      closed.push(existing);
    }
    const updated = Object.keys(patch).length > 0 ? this.facts.update(existing.id, patch) : existing;
    this.facts.addHistory(existing.id, fact.validTo && existing.valid_to === null ? 'superseded' : 'confirmed', fact.validTo ? `ended ${fact.validTo}` : 'stated again');
    return { kind: 'duplicate', fact: updated, closed };
  }

  /** Learning the business's name renames "Your company" so it is found by name from then on. */
  applyNaming(fact: JoinedFactRow): void {
    if (fact.predicate !== 'company_name' || fact.status !== 'active' || fact.valid_to !== null) return;
    const subject = this.entities.get(fact.subject_entity_id);
    if (subject?.role !== 'own_company' || subject.name === fact.object) return;
    this.entities.rename(subject.id, fact.object);
    this.facts.refreshSearchText(subject.id);
  }
}

export function sentenceOf(row: Pick<JoinedFactRow, 'subject_name' | 'predicate' | 'object' | 'valid_from' | 'valid_to'>): string {
  const period = describePeriod(row.valid_from, row.valid_to);
  return `${factSentence(row.subject_name, row.predicate, row.object)}${period ? ` (${period})` : ''}`;
}

function createdDetail(source: FactSource, confidence: number): string {
  const how = source === 'user' ? 'told by the user' : source === 'import' ? 'imported' : confidence >= CONFIDENT ? 'stated in conversation' : 'implied in conversation';
  return `${how}, confidence ${confidence.toFixed(2)}`;
}
