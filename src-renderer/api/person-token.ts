/**
 * The sign-in of a person other than the owner, in this tab: the session token from people.signIn,
 * kept in sessionStorage (gone when the tab closes, like the server's token) and sent by the HTTP
 * transport as the X-Steward-Person header. No token: the tab acts for the owner.
 */
import type { StorageLike } from './token-storage.js';

export const PERSON_TOKEN_KEY = 'steward.person-token';
export const PERSON_HEADER = 'X-Steward-Person';

export function loadPersonToken(storage: StorageLike): string | null {
  return storage.getItem(PERSON_TOKEN_KEY);
}

export function savePersonToken(storage: StorageLike, token: string | null): void {
  if (token) storage.setItem(PERSON_TOKEN_KEY, token);
  else storage.removeItem(PERSON_TOKEN_KEY);
}
