/**
 * Switch profile in the desktop app. The OS user is the owner; a window where someone signed in
 * with their own email and password (people.signIn through the bridge) acts for that person until
 * they sign out (people.signOut) or the window goes away. The core checks the person on every call
 * (a profile switched off stops acting at once), so this only remembers who signed in where.
 */
import type { CallContext } from '../core/core-types.js';
import { UI_ACTOR } from './shell-core.js';

interface SignedIn {
  personId: string;
  email: string;
}

export class WindowPeople {
  private readonly byWindow = new Map<number, SignedIn>();

  /** Who a call from this window acts for: the signed-in person, otherwise the owner ('ui'). */
  contextFor(windowId: number): CallContext {
    const person = this.byWindow.get(windowId);
    return person ? { actor: `person:${person.email}`, personId: person.personId } : UI_ACTOR;
  }

  /** Notes a successful sign-in or sign-out made from this window. */
  observe(windowId: number, method: string, value: unknown): void {
    if (method === 'people.signOut') this.byWindow.delete(windowId);
    if (method !== 'people.signIn') return;
    const person = (value as { person?: { id?: unknown; email?: unknown } } | null)?.person;
    if (typeof person?.id === 'string' && typeof person.email === 'string') this.byWindow.set(windowId, { personId: person.id, email: person.email });
  }
}
