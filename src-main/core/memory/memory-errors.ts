/**
 * Typed errors of business memory. Each says what was wrong and what to do; stored values never
 * appear in a message (they may be personal).
 */
import { StewardError, type FieldIssue } from '../errors.js';

/** An import file that cannot be taken as a whole; nothing from it was stored. */
export class MemoryImportError extends StewardError {
  constructor(issues: readonly FieldIssue[]) {
    const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super('invalid_input', `The memory file cannot be imported — ${shown.join('; ')}${more}. Nothing was imported; fix the file and try again.`, { issues });
  }
}

/** A question that was already answered, or whose facts were forgotten meanwhile. */
export class MemoryQuestionClosedError extends StewardError {
  constructor(id: string, why: 'answered' | 'facts_gone' | 'wrong_kind', expected?: string) {
    const message =
      why === 'answered'
        ? `The memory question "${id}" was already answered. Refresh the list of questions.`
        : why === 'facts_gone'
          ? `The memory question "${id}" is about facts that were deleted meanwhile, so there is nothing left to decide. It was closed.`
          : `The memory question "${id}" is not a ${expected ?? 'question of that kind'}; answer it with the matching kind.`;
    super('conflict', message);
  }
}

/** A user edit that would leave a fact empty, sensitive or contradictory in time. */
export class MemoryEditRejectedError extends StewardError {
  constructor(field: string, reason: string) {
    super('invalid_input', `The fact cannot be saved — ${field}: ${reason}. Nothing was changed.`, { issues: [{ path: field, message: reason }] });
  }
}

/**
 * A fact typed by hand that memory would not keep (sensitive data, memory turned off, nothing it
 * could read as a fact). `reason` is memory's own sentence, which already says what to do.
 */
export class MemoryAddRefusedError extends StewardError {
  constructor(reason: string) {
    super('invalid_input', reason, { issues: [{ path: 'statement', message: reason }] });
  }
}
