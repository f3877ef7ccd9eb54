/**
 * People and their roles: the owner (in the desktop app, the OS user), the people the owner adds,
 * and how they sign in to a shared local server (a password hashed with scrypt, or a token). Only
 * the owner adds or changes people; anyone may change their own password.
 */
import os from 'node:os';
import { NotFoundError } from '../errors.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { parseOrThrow } from '../validation.js';
import type { Route } from '../workflows/workflow-definition.js';
import { hashPassword, newToken, tokenHash, verifyPassword } from './password-hash.js';
import { PersonConflictError, RoleRequiredError, SignInFailedError } from './people-errors.js';
import { PeopleRepo } from './people-repo.js';
import { NewPersonSchema, PasswordSchema, PersonPatchSchema, type NewPerson, type Person, type PersonPatch } from './person.js';

export class PeopleService {
  readonly repo: PeopleRepo;
  /** Session token hash → person id. */
  private readonly sessions = new Map<string, string>();

  constructor(db: SqliteDatabase, now: () => Date) {
    this.repo = new PeopleRepo(db, now);
  }

  list(): Person[] {
    return this.repo.list();
  }

  get(id: string): Person {
    const person = this.repo.get(id);
    if (!person) throw new NotFoundError('Person', id);
    return person;
  }

  /** The owner's profile, made from the OS user the first time (the desktop app's user is the owner). */
  owner(): Person {
    const existing = this.repo.owner();
    if (existing) return existing;
    let username = 'owner';
    try {
      username = os.userInfo().username || 'owner';
    } catch {
      // Some containers have no passwd entry for the user: a plain name is enough.
    }
    return this.repo.insert({ name: username, email: `${username.toLowerCase().replace(/[^a-z0-9._-]/g, '') || 'owner'}@localhost`, role: 'owner', departments: [] });
  }

  add(actor: Person, input: NewPerson): Person {
    this.requireOwner(actor, 'add people');
    const person = parseOrThrow(NewPersonSchema, input, 'person');
    if (person.role === 'owner') throw new PersonConflictError('There is one owner per Steward; give the new person the director, manager or employee role. Nothing was changed.');
    if (this.repo.byEmail(person.email)) throw new PersonConflictError(`Someone with the email ${person.email} already has a profile; edit that profile in Settings › People instead. Nothing was changed.`);
    return this.repo.insert(person);
  }

  update(actor: Person, id: string, patch: PersonPatch): Person {
    this.requireOwner(actor, 'change people’s profiles');
    const target = this.get(id);
    const changes = parseOrThrow(PersonPatchSchema, patch, 'person');
    if (target.role === 'owner' && ((changes.role !== undefined && changes.role !== 'owner') || changes.active === false)) {
      throw new PersonConflictError('The owner keeps the owner role and stays active (someone must be able to manage Steward). Nothing was changed.');
    }
    if (changes.role === 'owner' && target.role !== 'owner') throw new PersonConflictError('There is one owner per Steward; choose director, manager or employee. Nothing was changed.');
    if (changes.email && changes.email !== target.email && this.repo.byEmail(changes.email)) {
      throw new PersonConflictError(`Someone with the email ${changes.email} already has a profile. Nothing was changed.`);
    }
    return this.repo.update(id, changes);
  }

  async setPassword(actor: Person, id: string, password: string): Promise<Person> {
    if (actor.id !== id) this.requireOwner(actor, 'set someone else’s password');
    this.get(id);
    const valid = parseOrThrow(PasswordSchema, password, 'password');
    return this.repo.update(id, { passwordHash: await hashPassword(valid) });
  }

  /** A new sign-in token for a person, shown once; the old one stops working. */
  issueToken(actor: Person, id: string): { person: Person; token: string } {
    if (actor.id !== id) this.requireOwner(actor, 'make a token for someone else');
    this.get(id);
    const token = newToken();
    return { person: this.repo.update(id, { tokenHash: tokenHash(token) }), token };
  }

  async signIn(email: string, password: string): Promise<Person> {
    const person = typeof email === 'string' ? this.repo.byEmail(email.toLowerCase()) : null;
    const stored = person ? this.repo.passwordHash(person.id) : null;
    // A missing person still costs one scrypt, so timing does not tell which emails exist.
    const ok = await verifyPassword(typeof password === 'string' ? password : '', stored ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    if (!person || !stored || !ok || !person.active) throw new SignInFailedError();
    return person;
  }

  /** A person's long-lived token (issueToken) or a session from signIn; either names who is acting. */
  authenticateToken(token: string): Person {
    const hash = typeof token === 'string' && token.length > 0 ? tokenHash(token) : null;
    const sessionOwner = hash ? this.sessions.get(hash) : undefined;
    const person = hash ? (sessionOwner ? this.repo.get(sessionOwner) : this.repo.byTokenHash(hash)) : null;
    if (!person || !person.active) throw new SignInFailedError();
    return person;
  }

  /** Signs in with a password and opens a session (kept in memory: a restart asks everyone to sign in again). */
  async startSession(email: string, password: string): Promise<{ person: Person; token: string }> {
    const person = await this.signIn(email, password);
    const token = newToken();
    this.sessions.set(tokenHash(token), person.id);
    return { person, token };
  }

  /** Ends a session from signIn (Sign out); false when it had already ended (a restart ends them all). Tokens from issueToken are revoked by issuing a new one. */
  endSession(token: string): boolean {
    return this.sessions.delete(tokenHash(token));
  }

  /** The active people a route reaches: everyone holding the role (within the department), or the named person. */
  holdersOf(route: Route): Person[] {
    const people = this.repo.list().filter((p) => p.active);
    if ('person' in route) {
      const wanted = route.person.trim().toLowerCase();
      return people.filter((p) => p.email.toLowerCase() === wanted || p.name.toLowerCase() === wanted);
    }
    return people.filter((p) => p.role === route.role && (!route.department || p.departments.includes(route.department)));
  }

  private requireOwner(actor: Person, what: string): void {
    if (actor.role !== 'owner') throw new RoleRequiredError(actor.name, actor.role, what, 'the owner role');
  }
}
