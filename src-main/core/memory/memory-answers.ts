/**
 * Settling the questions memory asked: which of two contradicting facts is correct, whether to
 * delete long-unused facts, whether to save a suggested workflow. The user's answer decides;
 * a replaced fact is closed (kept in history), never deleted.
 */
import type { MemoryAnswer, MemoryQuestion, MemoryWorkflow } from '../../../src-preload/schemas/memory.js';
import { NotFoundError } from '../errors.js';
import { sentenceOf, USER_CONFIDENCE } from './fact-writer.js';
import { MemoryQuestionClosedError } from './memory-errors.js';
import type { MemoryParts } from './memory-parts.js';
import type { WorkflowPayload } from './question-store.js';

export interface AnswerResult {
  question: MemoryQuestion;
  outcome: string;
  workflow: MemoryWorkflow | null;
}

// eslint-disable-next-line max-lines-per-function -- one ordered list of the questions memory answers; the first that matches answers
export function answerQuestion(parts: MemoryParts, id: string, answer: MemoryAnswer): AnswerResult {
  const row = parts.questions.get(id);
  if (!row) throw new NotFoundError('Memory question', id);
  if (row.status === 'answered') throw new MemoryQuestionClosedError(id, 'answered');
  if (row.kind !== answer.kind) throw new MemoryQuestionClosedError(id, 'wrong_kind', `${answer.kind} question (it is a ${row.kind} question)`);
  const payload = JSON.parse(row.payload_json) as Record<string, unknown>;
  const today = parts.now().toISOString().slice(0, 10);
  let outcome = '';
  let workflow: MemoryWorkflow | null = null;
  const changed: string[] = [];

  parts.db.transaction(() => {
    if (answer.kind === 'conflict') {
      const newFact = parts.facts.get(String(payload.newId));
      const existing = parts.facts.getMany((payload.existingIds as string[] | undefined) ?? []);
      if (!newFact) {
        parts.questions.answer(id, { void: 'facts_gone' });
        outcome = 'gone';
        return;
      }
      if (answer.keep === 'new') {
        for (const old of existing) {
          if (old.status !== 'active' || old.valid_to !== null) continue;
          parts.facts.update(old.id, { valid_to: newFact.valid_from ?? today, superseded_by: newFact.id });
          parts.facts.addHistory(old.id, 'resolved', `the user said the newer statement is correct: ${sentenceOf(newFact)}`);
          changed.push(old.id);
        }
        const settled = parts.facts.update(newFact.id, { status: 'active', confidence: Math.max(newFact.confidence, USER_CONFIDENCE) });
        parts.facts.addHistory(newFact.id, 'resolved', 'confirmed by the user');
        parts.writer.applyNaming(settled);
        changed.push(newFact.id);
        outcome = `Updated: ${sentenceOf(settled)}.${existing.length > 0 ? ` The earlier value is kept in history.` : ''}`;
      } else {
        parts.facts.update(newFact.id, { status: 'retired', retired_at: parts.now().toISOString(), retired_reason: 'the user kept the earlier value' });
        parts.facts.addHistory(newFact.id, 'resolved', 'the user kept the earlier value');
        for (const old of existing) {
          if (old.confidence < USER_CONFIDENCE) parts.facts.update(old.id, { confidence: USER_CONFIDENCE });
          parts.facts.addHistory(old.id, 'resolved', 'confirmed by the user');
          changed.push(old.id);
        }
        changed.push(newFact.id);
        outcome = existing[0] ? `Kept: ${sentenceOf(existing[0])}.` : 'Kept the earlier value.';
      }
    } else if (answer.kind === 'confirm') {
      const factId = String(payload.factId);
      if (answer.accept) {
        const settled = parts.writer.confirmSuggestion(factId);
        if (!settled) {
          parts.questions.answer(id, { void: 'facts_gone' });
          outcome = 'gone';
          return;
        }
        changed.push(settled.id);
        outcome = `Remembered: ${sentenceOf(settled)}.`;
      } else {
        const fact = parts.facts.get(factId);
        if (fact?.status === 'pending') {
          parts.facts.update(fact.id, { status: 'retired', retired_at: parts.now().toISOString(), retired_reason: 'the user did not confirm it' });
          parts.facts.addHistory(fact.id, 'resolved', 'the user did not confirm it');
          changed.push(fact.id);
        }
        outcome = "OK, I won't remember that.";
      }
    } else if (answer.kind === 'expiry') {
      const ids = parts.questions.factIds(id);
      if (answer.approve) {
        parts.facts.delete(ids);
        changed.push(...ids);
        outcome = `Deleted ${ids.length} unused fact${ids.length === 1 ? '' : 's'}.`;
      } else {
        // Counted as a use, so the same facts are not proposed again for another N days.
        parts.facts.markUsed(ids);
        outcome = `Kept ${ids.length} fact${ids.length === 1 ? '' : 's'}.`;
      }
    } else {
      if (answer.accept) {
        workflow = parts.patterns.accept(payload as unknown as WorkflowPayload, row.signature ?? '', answer.name);
        outcome = `Saved "${workflow.name}" as a one-click workflow.`;
      } else {
        outcome = "OK, I won't suggest that again.";
      }
    }
    parts.questions.answer(id, answer);
  })();
  if (outcome === 'gone') throw new MemoryQuestionClosedError(id, 'facts_gone');

  const question = parts.questions.toQuestion(parts.questions.get(id)!);
  if (changed.length > 0) parts.emit({ type: 'memory.changed', change: answer.kind === 'expiry' && answer.approve ? 'expired' : 'answered', factIds: changed });
  if (answer.kind === 'conflict' || answer.kind === 'confirm') parts.vectors.schedule();
  return { question, outcome, workflow };
}
