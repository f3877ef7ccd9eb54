/**
 * Who may decide a tool call's approval card. A card belongs to the person whose chat proposed
 * the call (the task keeps who that was): that person decides it, or the owner on their behalf —
 * recorded as such. Nobody else may, and a person whose role no longer opens the tool may not
 * approve it. Pure code over stored facts; nothing a model says takes part (DESIGN §4.1).
 */
import { StewardError } from '../errors.js';
import type { SideEffect } from '../tools/tool.js';
import { ToolPermissionError } from './people-errors.js';
import type { Person } from './person.js';
import { toolAccess } from './roles.js';

export class ApprovalNotYoursError extends StewardError {
  constructor(deciderName: string, requesterName: string) {
    super('unauthorized', `${deciderName} may not decide this approval: it was asked for in ${requesterName}’s chat, so only ${requesterName} or the owner may. Nothing was changed.`);
  }
}

/** A decider whose profile was removed since signing in: decides nothing (inactive, not the owner, no card is theirs). */
export const REMOVED_DECIDER: Person = { id: '', name: 'A removed profile', email: '', role: 'employee', departments: [], active: false, canSignIn: false, createdAt: '', updatedAt: '' };

export interface ApprovalParties {
  /** Who decides now: null is the owner at this computer (or signed in as the owner). */
  decider: Person | null;
  /** Whose chat asked: null is the owner. A removed profile is 'removed'. */
  requester: Person | null | 'removed';
  /** The host's actor for this request ('ui', 'server', 'chat'). */
  actor: string;
  tool: { name: string; title: string; sideEffect: SideEffect } | null;
}

/**
 * The decidedBy recorded on the card, or a refusal: "person:priya@example.com (Priya Shah)" for a
 * person deciding their own card; "<actor> (owner, on behalf of Dana Lee)" for the owner deciding
 * someone else's.
 */
export function approvalDecider(parties: ApprovalParties): string {
  const { decider, requester, actor, tool } = parties;
  if (!decider || decider.role === 'owner') {
    const ownerActor = decider ? `person:${decider.email} (${decider.name})` : actor;
    if (requester === null) return ownerActor;
    return `${ownerActor} (owner, on behalf of ${requester === 'removed' ? 'a removed profile' : requester.name})`;
  }
  if (requester === null || requester === 'removed' || requester.id !== decider.id) {
    throw new ApprovalNotYoursError(decider.name, requester === null ? 'the owner' : requester === 'removed' ? 'a removed profile' : requester.name);
  }
  if (tool) {
    const access = toolAccess(decider, tool);
    if (!access.ok) throw new ToolPermissionError(decider.name, decider.role, tool.title, access.needs);
  }
  return `person:${decider.email} (${decider.name})`;
}

/** Whether a person sees a card in their approvals list: the owner sees every card, a person their own. */
export function seesApproval(viewer: Person | null, requesterId: string | null): boolean {
  if (!viewer || viewer.role === 'owner') return true;
  return requesterId === viewer.id;
}
