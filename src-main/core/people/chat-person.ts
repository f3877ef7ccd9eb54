/**
 * The person a chat's work acts for, looked up at the moment a tool call is made (so a role
 * changed or a profile switched off in Settings › People applies to a task already running), and
 * how audit rows name them beside the agent that proposed the call.
 */
import type { Person } from './person.js';
import type { PeopleRepo } from './people-repo.js';

/** A profile removed since the chat began: it opens nothing (toolAccess refuses an inactive profile). */
const REMOVED: Pick<Person, 'name' | 'role' | 'departments' | 'active'> = { name: 'A removed profile', role: 'employee', departments: [], active: false };

export type ChatPerson = (Pick<Person, 'name' | 'role' | 'departments' | 'active'> & { email?: string }) | undefined;

/** Undefined for the owner (no role check, as before people existed); the stored profile otherwise. */
export function chatPerson(repo: Pick<PeopleRepo, 'get'>, personId: string | null): ChatPerson {
  if (!personId) return undefined;
  const person = repo.get(personId);
  if (!person) return REMOVED;
  return person.role === 'owner' ? undefined : person;
}

/** "person:priya@example.com via agent:employee": who asked, and which part of Steward proposed it. */
export function actorFor(agentActor: string, person: ChatPerson): string {
  if (!person) return agentActor;
  return `person:${person.email ?? person.name} via ${agentActor}`;
}

/**
 * A workflow started from someone else's chat would run as the owner; they start workflows on the
 * Workflows screen instead, where the run is theirs and a step their role does not open is named
 * before anything runs.
 */
export const PERSON_WORKFLOW_NOTE =
  'Workflows you start run with your role, so start them on the Workflows screen (Start a workflow): a step your role does not open is named there before anything runs. Nothing was started.';
