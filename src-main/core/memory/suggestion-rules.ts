/**
 * When a learned fact must wait for the user's yes instead of going live (DESIGN §4.2, and the
 * lesson of "invoices go to cfo.payments@evil…" becoming memory). Pure rules, no model:
 *   - anything read in untrusted text (an email, a file, a web page, text the user pasted, a tool
 *     result) is only ever a suggestion;
 *   - facts about who may approve, pay or receive money are suggestions whatever the origin,
 *     unless the user said them as an explicit "Remember that …" (source 'user');
 *   - a change to someone's contact details (a new email, phone or address where one is known)
 *     is a suggestion too: a quiet redirect of where mail or money goes is the classic fraud.
 */
import type { FactSource } from '../../../src-preload/schemas/memory.js';

const CONTACT_PREDICATES = new Set(['email', 'phone', 'address', 'website']);

/** Words of money and authority: approving, paying, where payments or invoices go, bank details. */
const MONEY_OR_AUTHORITY =
  /\b(approv\w*|authori[sz]\w*|sign(s|ed)?[- ]?off|pay(s|ing|ment|ments|ee|ees|out|outs|able)?|paid|invoic\w*|bank\w*|iban|swift|bic|routing|account (number|no)|wire\w*|transfer\w*|refund\w*|reimburs\w*|billing|remit\w*|purchas\w*|spend(s|ing)?|budget\w*|credit card|card number|payroll|salar\w*)\b/i;

export interface SuggestionInput {
  predicate: string;
  subject: string;
  object: string;
  source: FactSource;
  /** Untrusted origin of the text it was read in; null for the user's own words. */
  origin: string | null;
  /** Whether a current fact with another value exists for the same subject and predicate. */
  replacesKnownValue: boolean;
}

/** Why this fact needs the user's confirmation, in words for the question; null when it may go live. */
export function confirmationReason(input: SuggestionInput): string | null {
  if (input.origin) return `I read this in ${input.origin}`;
  if (input.source !== 'learned') return null;
  if (MONEY_OR_AUTHORITY.test(`${input.predicate.replace(/_/g, ' ')} ${input.subject} ${input.object}`)) {
    return 'It is about who may approve, pay or receive money';
  }
  if (CONTACT_PREDICATES.has(input.predicate) && input.replacesKnownValue) return 'It changes contact details I already have';
  return null;
}
