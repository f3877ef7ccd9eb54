/**
 * Whether an event goes to a window or tab where a person signed in (by their id): the person is
 * looked up for every event, so one switched off or removed stops receiving at once; the rules are
 * event-visibility.ts's.
 */
import type { StewardEvent } from '../../../src-preload/contract.js';
import type { Core } from '../core-types.js';
import { conversationOwners } from './conversation-owners.js';
import { eventVisibleTo } from './event-visibility.js';

export function personEventVisible(core: Core, personId: string, event: StewardEvent): boolean {
  const person = core.people.repo.get(personId);
  if (!person || !person.active) return false;
  return eventVisibleTo(person, event, conversationOwners(core.db.raw));
}
