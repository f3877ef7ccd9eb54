/**
 * The scripted model behind the HR demo's agent path (STEWARD_PROVIDER=scripted:<file>): asked to
 * read the demo sentence into the onboarding workflow's inputs, it answers what a careful model
 * would — everything the sentence says, the manager as written ("Priya"), and null for what it
 * does not say (the new hire's email), so the agent has to ask for it.
 */
import { writeFileSync } from 'node:fs';
import type { ScriptInput } from '../../../src-main/core/llm/scripted-provider.js';

/** The next January 5 (a start date is in the future), as the workflow's date input wants it. */
export function nextJanuaryFifth(today: Date = new Date()): string {
  const year = today.getUTCMonth() === 0 && today.getUTCDate() <= 5 ? today.getUTCFullYear() : today.getUTCFullYear() + 1;
  return `${year}-01-05`;
}

export function hrDemoScript(today: Date = new Date()): ScriptInput {
  return {
    rules: [
      {
        match: { call: 'chatJson', schemaName: 'workflow_inputs', lastUser: '^Onboard Dana Lee' },
        response: {
          type: 'json',
          value: { firstName: 'Dana', lastName: 'Lee', jobTitle: 'Senior Engineer', startDate: nextJanuaryFifth(today), salary: 150000, manager: 'Priya', email: null, department: null },
        },
      },
    ],
    fallback: { type: 'text', text: 'I can onboard a new hire for you: tell me who, the job, the start date, the salary and who they report to.' },
  };
}

export function writeHrDemoScript(file: string): void {
  writeFileSync(file, JSON.stringify(hrDemoScript()));
}
