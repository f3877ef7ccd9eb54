/**
 * People and roles (Settings › People): the owner and the people the owner adds, with a role and
 * departments; how a person signs in to a shared local server (password or token); who "I" am
 * for this connection.
 */
import { z } from 'zod';
import { IdSchema } from './entities.js';
import { Empty, spec } from './method-spec.js';

export const PERSON_ROLES = ['owner', 'director', 'manager', 'employee'] as const;
export const PERSON_DEPARTMENTS = ['hr', 'finance', 'engineering', 'operations'] as const;

export const PersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(PERSON_ROLES),
  departments: z.array(z.enum(PERSON_DEPARTMENTS)),
  active: z.boolean(),
  canSignIn: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonInfo = z.infer<typeof PersonSchema>;

const PersonFields = {
  name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  email: z.string().trim().max(200).pipe(z.email('must be an email address such as priya@example.com')),
  role: z.enum(PERSON_ROLES, { error: `must be one of ${PERSON_ROLES.join(', ')}` }),
  departments: z.array(z.enum(PERSON_DEPARTMENTS, { error: `must be one of ${PERSON_DEPARTMENTS.join(', ')}` })).max(4),
};

export const PEOPLE_METHODS = {
  'people.list': spec(Empty, z.array(PersonSchema)),
  /** The person this connection acts as (the owner at the desktop; the signed-in person on a shared server). */
  'people.me': spec(Empty, PersonSchema),
  'people.add': spec(z.object({ ...PersonFields, departments: PersonFields.departments.default([]) }).strict(), PersonSchema, true),
  'people.update': spec(
    z.object({ id: IdSchema, name: PersonFields.name.optional(), email: PersonFields.email.optional(), role: PersonFields.role.optional(), departments: PersonFields.departments.optional(), active: z.boolean().optional() }).strict(),
    PersonSchema,
    true,
  ),
  'people.setPassword': spec(z.object({ id: IdSchema, password: z.string().min(10, 'must be at least 10 characters').max(200) }).strict(), PersonSchema, true),
  /** A new sign-in token for the person, shown once (the previous one stops working). */
  'people.issueToken': spec(z.object({ id: IdSchema }).strict(), z.object({ person: PersonSchema, token: z.string() }), true),
  /** Signs in with email and password; the answer's token goes in the X-Steward-Person header of later requests. */
  'people.signIn': spec(z.object({ email: z.string().trim().min(1, 'must not be empty').max(200), password: z.string().min(1, 'must not be empty').max(200) }).strict(), z.object({ person: PersonSchema, token: z.string() }), true),
  /** Ends the session people.signIn opened (Sign out): that token stops working at once; the tab acts for the owner again. */
  'people.signOut': spec(z.object({ token: z.string().min(1, 'must not be empty').max(200) }).strict(), z.object({ signedOut: z.boolean() }), true),
};
