import type { ApprovalRecord } from '../../../src-preload/contract.js';

export type Risk = ApprovalRecord['risk'];

/** What each side-effect class means to the person deciding. */
export const RISK_LABELS: Record<Risk, string> = {
  none: 'No side effects',
  local: 'Changes files on this computer',
  external: 'Reaches the outside world',
  financial: 'Moves money',
};

export const STATUS_LABELS: Record<ApprovalRecord['status'], string> = {
  pending: 'Waiting for you',
  approved: 'Approved',
  rejected: 'Rejected',
  modified: 'Approved with changes',
  expired: 'Expired',
};

/**
 * Who decided, in words: the user's own hosts are "you"; the core's own decisions say why; a
 * signed-in person by name ("person:priya@acme.test (Priya Shah)"), and the owner deciding another
 * person's card says on whose behalf ("ui (owner, on behalf of Sam Park)").
 */
export function deciderLabel(decidedBy: string | null): string {
  if (!decidedBy) return 'unknown';
  if (decidedBy === 'system:timeout') return 'no answer in time';
  // Cards nothing waits on anymore (core/tools/stale-approvals.ts): nothing ran, the user asks again.
  if (decidedBy === 'system:restart') return 'Steward restarted before you answered; nothing ran, ask again';
  if (decidedBy === 'system:abandoned') return 'what asked for it stopped waiting; nothing ran, ask again';
  if (decidedBy === 'system:task-ended') return 'the task ended before this was decided; nothing ran, ask again';
  if (decidedBy.startsWith('system:cancel')) return 'the task being cancelled';
  if (decidedBy.startsWith('system:') || decidedBy.startsWith('policy:') || decidedBy.startsWith('agent:')) return 'Steward';
  const onBehalf = /\(owner, on behalf of (.+)\)$/.exec(decidedBy);
  if (onBehalf) return `the owner, on behalf of ${onBehalf[1]}`;
  const person = /^person:\S+ \((.+)\)$/.exec(decidedBy);
  if (person) return person[1]!;
  return 'you';
}

export function formatUsd(value: number): string {
  if (value === 0) return 'Free';
  if (value < 0.01) return '< $0.01';
  return value.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A value of an argument as the card shows it: strings as they are, the rest as JSON. */
export function formatArgValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value, null, 2) ?? String(value);
}

export type ParsedArgs = { ok: true; args: Record<string, unknown> } | { ok: false; error: string };

/** Checks the edited arguments before they are sent: JSON, and an object (the tool's schema is the core's job). */
export function parseArgsDraft(text: string): ParsedArgs {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `The arguments are not valid JSON (${detail}). Fix the highlighted text, or press Cancel to keep the original.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'The arguments must be a JSON object, such as { "path": "notes.md" }.' };
  }
  return { ok: true, args: value as Record<string, unknown> };
}
