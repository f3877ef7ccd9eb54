/**
 * Switching who this window acts for. In a browser tab the person's session token is kept in the
 * tab (api/person-token.ts) and sent with every request; the page then reloads so every list
 * (approvals, workflows, memory) is read again as that person. Signing out ends the session on
 * the server and returns the tab to the owner. In the desktop app the bridge remembers who signed
 * in to the window (src-main/electron/window-people.ts); the tab keeps the token only as a marker.
 */
import type { StewardApi } from '../../../src-preload/contract.js';
import type { PersonInfo } from '../../../src-preload/schemas/people.js';
import { loadPersonToken, savePersonToken } from '../../api/person-token.js';

const ENDED_NOTICE_KEY = 'steward.person-ended';

function storage(): Storage {
  return window.sessionStorage;
}

export function personSignedIn(): boolean {
  return loadPersonToken(storage()) !== null;
}

export async function startPersonSession(api: StewardApi, email: string, password: string): Promise<void> {
  const { token } = await api.call('people.signIn', { email, password });
  savePersonToken(storage(), token);
  window.location.reload();
}

/** Back to the owner: ends the session on the server (best effort: a restart already ended it), then reloads. */
export function endPersonSession(api: StewardApi, why: 'signed-out' | 'ended'): void {
  const token = loadPersonToken(storage());
  savePersonToken(storage(), null);
  if (why === 'ended') storage().setItem(ENDED_NOTICE_KEY, '1');
  const done = () => window.location.reload();
  // Sent as the owner (the token is already gone from the tab); the desktop bridge forgets the person on it too.
  if (token) void api.call('people.signOut', { token }).then(done, done);
  else done();
}

/** True once after a person's sign-in ended on its own (the dialog says so the next time it opens). */
export function takeEndedNotice(): boolean {
  const ended = storage().getItem(ENDED_NOTICE_KEY) !== null;
  storage().removeItem(ENDED_NOTICE_KEY);
  return ended;
}

export function roleLabel(role: PersonInfo['role']): string {
  return `${role[0]!.toUpperCase()}${role.slice(1)}`;
}
