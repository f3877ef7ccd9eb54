/** How routes and people are named to the requester: "waiting for Director (Priya)". */
import type { Person } from '../people/person.js';
import { personLabel } from '../people/person.js';
import { DEPARTMENT_LABEL } from '../people/roles.js';
import type { Route } from './workflow-definition.js';

export function routeLabel(route: Route, holders: readonly Person[]): string {
  if ('person' in route) return holders[0] ? personLabel(holders[0]) : route.person;
  const role = `${route.department ? `${DEPARTMENT_LABEL[route.department]} ` : ''}${route.department ? route.role : `${route.role[0]!.toUpperCase()}${route.role.slice(1)}`}`;
  const names = holders.map((h) => h.name);
  return names.length === 0 ? role : `${role} (${names.length <= 3 ? names.join(' or ') : `${names.slice(0, 3).join(', ')} or ${names.length - 3} more`})`;
}
