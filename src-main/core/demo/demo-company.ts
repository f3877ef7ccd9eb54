/**
 * The sample company of the HR demo: Acme Robotics, its people and their roles, the employees
 * already in its HR system and the sentence the demo asks the user to type. Invented names and
 * the reserved .test domain, so nothing in the demo can reach a real person.
 */

export interface DemoPerson {
  name: string;
  email: string;
  role: 'owner' | 'director' | 'manager' | 'employee';
  department: 'hr' | 'finance' | 'engineering' | 'operations' | null;
  jobTitle: string;
  hireDate: string;
  salary: number;
}

export const DEMO_COMPANY = { name: 'Acme Robotics', domain: 'acme.test', hrisDomain: 'acme', timeZone: 'America/New_York' } as const;

/** The owner's address is the one the demo calendar signs in as (it organises the events). */
export const DEMO_OWNER: DemoPerson = { name: 'Alex Morgan', email: 'owner@acme.test', role: 'owner', department: null, jobTitle: 'Founder & CEO', hireDate: '2021-03-01', salary: 180_000 };

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  DEMO_OWNER,
  { name: 'Priya Shah', email: 'priya@acme.test', role: 'director', department: 'engineering', jobTitle: 'Director of Engineering', hireDate: '2021-06-14', salary: 175_000 },
  { name: 'Hana Kim', email: 'hana@acme.test', role: 'manager', department: 'hr', jobTitle: 'HR Manager', hireDate: '2022-01-10', salary: 110_000 },
  { name: 'Omar Haddad', email: 'omar@acme.test', role: 'director', department: 'finance', jobTitle: 'Finance Director', hireDate: '2022-04-04', salary: 150_000 },
  { name: 'Sam Ortiz', email: 'sam@acme.test', role: 'employee', department: 'engineering', jobTitle: 'Software Engineer', hireDate: '2023-09-18', salary: 125_000 },
  { name: 'Lena Novak', email: 'lena@acme.test', role: 'employee', department: 'operations', jobTitle: 'Operations Lead', hireDate: '2024-02-05', salary: 98_000 },
];

/** What the demo asks the user to type. */
export const DEMO_REQUEST = 'Onboard Dana Lee as Senior Engineer starting January 5 at $150,000, reporting to Priya';

/** The new hire the demo sentence names, and the address the welcome email goes to. */
export const DEMO_NEW_HIRE = { firstName: 'Dana', lastName: 'Lee', email: 'dana.lee@acme.test' } as const;

/** Where HR sends from in the demo. */
export const DEMO_HR_SENDER = { address: 'hr@acme.test', name: 'Acme Robotics HR' } as const;

export function departmentLabel(department: DemoPerson['department']): string {
  return department === null ? 'Leadership' : { hr: 'HR', finance: 'Finance', engineering: 'Engineering', operations: 'Operations' }[department];
}
