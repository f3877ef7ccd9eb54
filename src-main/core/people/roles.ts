/**
 * What each role and department may use. Roles are ranked (owner > director > manager > employee)
 * and open tools by their side-effect class; departments bundle the tools a department works with,
 * so an HR employee can create employees in the HR system without being a director. Pure code
 * over the tool's declared class and name — nothing a model says takes part (DESIGN §4.1).
 */
import type { SideEffect } from '../tools/tool.js';
import type { Department, Person, Role } from './person.js';

export const ROLE_RANK: Record<Role, number> = { employee: 0, manager: 1, director: 2, owner: 3 };

/** The least role that may use every tool of a side-effect class. */
const ROLE_FOR_CLASS: Record<SideEffect, Role> = { none: 'employee', local: 'employee', external: 'manager', financial: 'director' };

/** Tool-name prefixes each department works with. */
export const DEPARTMENT_TOOLS: Record<Department, readonly string[]> = {
  hr: ['hris.', 'documents.', 'email.', 'gmail.', 'calendar.'],
  finance: ['stripe.', 'database.', 'documents.', 'email.'],
  engineering: ['website.', 'files.', 'database.'],
  operations: ['calendar.', 'sms.', 'email.', 'documents.'],
};

export const DEPARTMENT_LABEL: Record<Department, string> = { hr: 'HR', finance: 'Finance', engineering: 'Engineering', operations: 'Operations' };

export type ToolAccess = { ok: true } | { ok: false; needs: string };

function departmentsFor(toolName: string): Department[] {
  return (Object.keys(DEPARTMENT_TOOLS) as Department[]).filter((d) => DEPARTMENT_TOOLS[d].some((prefix) => toolName.startsWith(prefix)));
}

/** Whether this person may use a tool, and if not, what would let them ("the director role, or the Finance department"). */
export function toolAccess(person: Pick<Person, 'role' | 'departments' | 'active'>, tool: { name: string; sideEffect: SideEffect }): ToolAccess {
  const needed = ROLE_FOR_CLASS[tool.sideEffect];
  if (!person.active) return { ok: false, needs: 'an active profile (this one was switched off in Settings › People)' };
  if (ROLE_RANK[person.role] >= ROLE_RANK[needed]) return { ok: true };
  const departments = departmentsFor(tool.name);
  if (person.departments.some((d) => departments.includes(d))) return { ok: true };
  const viaDepartment = departments.length > 0 ? `, or a profile in ${departments.map((d) => DEPARTMENT_LABEL[d]).join(' or ')}` : '';
  return { ok: false, needs: `the ${needed} role${viaDepartment}` };
}

export function roleAtLeast(role: Role, least: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[least];
}
