/**
 * The demo company's people in the demo profile: the owner's profile becomes Alex Morgan (the
 * one the demo calendar signs in as), and the others are added with their roles and departments,
 * each with the demo password so anyone can switch to Priya (the Director) and approve. Adds only
 * who is missing, so restarting the demo changes nothing.
 */
import type { Core } from '../core-types.js';
import { DEMO_OWNER, DEMO_PEOPLE } from './demo-company.js';

/** Shown by `npm run demo`; it opens only the demo profile, whose data is all invented. */
export const DEMO_PASSWORD = 'acme-demo-password';

export async function seedDemoPeople(core: Core): Promise<void> {
  const people = core.people;
  let owner = people.owner();
  if (owner.email !== DEMO_OWNER.email) owner = people.update(owner, owner.id, { name: DEMO_OWNER.name, email: DEMO_OWNER.email });
  for (const person of DEMO_PEOPLE) {
    if (person.role === 'owner') continue;
    const existing = people.repo.byEmail(person.email);
    const added = existing ?? people.add(owner, { name: person.name, email: person.email, role: person.role, departments: person.department ? [person.department] : [] });
    if (!added.canSignIn) await people.setPassword(owner, added.id, DEMO_PASSWORD);
  }
}
