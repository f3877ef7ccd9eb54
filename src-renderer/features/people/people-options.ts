/** The roles the owner can give and the departments, as the People section shows them. */
export const ROLES = ['director', 'manager', 'employee'] as const;
export type AssignableRole = (typeof ROLES)[number];
export const DEPARTMENTS = [
  { id: 'hr', label: 'HR' },
  { id: 'finance', label: 'Finance' },
  { id: 'engineering', label: 'Engineering' },
  { id: 'operations', label: 'Operations' },
] as const;
export type DepartmentId = (typeof DEPARTMENTS)[number]['id'];
