/**
 * Which profile a server request acts for. A small team sharing one Steward signs in with
 * people.signIn (or uses a token the owner issued) and sends it as the X-Steward-Person header;
 * the core then checks that person's role and the audit rows name them. Without the header the
 * request acts for the owner: the install's bearer token is the owner's key to this machine.
 */
import type { IncomingMessage } from 'node:http';
import type { CallContext, Core } from '../core/core-types.js';

export const PERSON_HEADER = 'x-steward-person';

export function personContext(core: Core, req: IncomingMessage): CallContext {
  const header = req.headers[PERSON_HEADER];
  const token = Array.isArray(header) ? header[0] : header;
  if (!token) return { actor: 'server' };
  // A wrong or revoked token is refused (401), never quietly treated as the owner.
  const person = core.people.authenticateToken(token.trim());
  return { actor: `person:${person.email}`, personId: person.id };
}
