/** Who a request acts for: the signed-in person (server with a person's token), otherwise the owner at this computer. */
import type { CallContext, Core } from '../core-types.js';
import { SignInFailedError } from './people-errors.js';
import type { Person } from './person.js';

export function actingPerson(core: Core, context: CallContext): Person {
  const people = core.people;
  if (!context.personId) return people.owner();
  const person = people.repo.get(context.personId);
  // A profile switched off (or removed) after sign-in stops acting at once.
  if (!person || !person.active) throw new SignInFailedError();
  return person;
}

/**
 * The id a request's work carries on (a chat turn, its tasks): the signed-in person, checked to be
 * active now; null for the owner at this computer, who needs no role check.
 */
export function actingPersonId(core: Core, context: CallContext): string | null {
  if (!context.personId) return null;
  const person = actingPerson(core, context);
  return person.role === 'owner' ? null : person.id;
}
