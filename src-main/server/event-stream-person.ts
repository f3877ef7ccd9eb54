/**
 * Who an event-stream connection is for. A browser cannot set headers on a WebSocket, so a tab
 * signed in as a person sends its session token as `person=` in the URL (a Node client may use the
 * X-Steward-Person header instead); without one the stream is the owner's. The session is checked
 * again for every event, so a person who signs out or is switched off stops receiving at once.
 */
import type { IncomingMessage } from 'node:http';
import type { StewardEvent } from '../../src-preload/contract.js';
import type { Core } from '../core/core-types.js';
import { conversationOwners } from '../core/people/conversation-owners.js';
import { eventVisibleTo } from '../core/people/event-visibility.js';
import { PERSON_HEADER } from './person-context.js';

export const PERSON_QUERY = 'person';

/** The person token the connection carries, or null for the owner's stream. */
export function eventStreamPersonToken(req: IncomingMessage, url: URL): string | null {
  const header = req.headers[PERSON_HEADER];
  const token = url.searchParams.get(PERSON_QUERY) ?? (Array.isArray(header) ? header[0] : header);
  return token?.trim() ? token.trim() : null;
}

/** Throws SignInFailedError (the upgrade answers 401) for a wrong or ended session token. */
export function checkEventStreamPerson(core: Core, token: string | null): void {
  if (token) core.people.authenticateToken(token);
}

/** Whether an event goes to this connection. */
export function eventStreamFilter(core: Core, token: string | null): (event: StewardEvent) => boolean {
  if (!token) return () => true;
  const owners = conversationOwners(core.db.raw);
  return (event) => {
    let person;
    try {
      person = core.people.authenticateToken(token);
    } catch {
      return false; // a session that ended receives nothing
    }
    return eventVisibleTo(person, event, owners);
  };
}
