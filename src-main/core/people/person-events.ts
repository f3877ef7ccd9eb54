/**
 * Whether an event goes to a window or tab where a person signed in (by their id): the person is
 * looked up for every event, so one switched off or removed stops receiving at once; the rules are
 * event-visibility.ts's.
 */
import type { StewardEvent } from '../../../src-preload/contract.js';
import type { Core } from '../core-types.js';
import { conversationOwners, type ConversationOwners } from './conversation-owners.js';
import { eventVisibleTo } from './event-visibility.js';

/** `owners`: pass one made once (a window's filter runs for every event) so its queries are prepared once. */
export function personEventVisible(core: Core, personId: string, event: StewardEvent, owners: ConversationOwners = conversationOwners(core.db.raw)): boolean {
  const person = core.people.repo.get(personId);
  if (!person || !person.active) return false;
  return eventVisibleTo(person, event, owners);
}
