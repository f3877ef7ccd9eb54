/** A person Steward knows: the owner, or someone the owner added, with a role and departments. */
import { z } from 'zod';
import { DEPARTMENT_NAMES, ROLE_NAMES } from '../workflows/workflow-definition.js';

export type Role = (typeof ROLE_NAMES)[number];
export type Department = (typeof DEPARTMENT_NAMES)[number];

export interface Person {
  id: string;
  name: string;
  email: string;
  role: Role;
  departments: Department[];
  active: boolean;
  /** Whether a password or a token is set (never the secret itself). */
  canSignIn: boolean;
  createdAt: string;
  updatedAt: string;
}

const name = z.string({ error: 'must be the person’s name' }).trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
const email = z.string({ error: 'must be an email address' }).trim().toLowerCase().pipe(z.email('must be an email address such as priya@example.com'));
const role = z.enum(ROLE_NAMES, { error: `must be one of ${ROLE_NAMES.join(', ')}` });
const departments = z.array(z.enum(DEPARTMENT_NAMES, { error: `must be one of ${DEPARTMENT_NAMES.join(', ')}` })).max(DEPARTMENT_NAMES.length).default([]);

export const NewPersonSchema = z.object({ name, email, role, departments }).strict();
export const PersonPatchSchema = z.object({ name: name.optional(), email: email.optional(), role: role.optional(), departments: departments.optional(), active: z.boolean().optional() }).strict();
export const PasswordSchema = z.string({ error: 'must be a password' }).min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

export type NewPerson = z.input<typeof NewPersonSchema>;
export type PersonPatch = z.input<typeof PersonPatchSchema>;

/** How a person is named where they are waited for: "Director (Priya)". */
export function personLabel(person: Pick<Person, 'name' | 'role'>): string {
  return `${person.role[0]!.toUpperCase()}${person.role.slice(1)} (${person.name})`;
}
