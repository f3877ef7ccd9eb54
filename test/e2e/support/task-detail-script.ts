/**
 * The scripted model behind the task detail e2e test: a four-step planned task that writes a Word
 * report, a budget workbook (sent back once by the Supervisor, so it has a second iteration) and a
 * TypeScript helper that a later step rewrites — the rewrite is the proposed change the diff viewer
 * shows. Employee turns are used once each, in order.
 */
import { writeFileSync } from 'node:fs';
import type { ScriptInput } from '../../../src-main/core/llm/scripted-provider.js';

export const TASK_REQUEST = 'Prepare the quarterly report pack';
export const PLAN_TITLE = 'Quarterly report pack';

export const HELPER_V1 = [
  '/** Adds up the amounts of a budget. */',
  'export function total(values: number[]): number {',
  '  let sum = 0;',
  '  for (const value of values) sum += value;',
  '  return sum;',
  '}',
  '',
  'export const CURRENCY = "EUR";',
  '',
].join('\n');

export const HELPER_V2 = [
  '/** Adds up the amounts of a budget, rounded to cents. */',
  'export function total(values: number[]): number {',
  '  const sum = values.reduce((acc, value) => acc + value, 0);',
  '  return Math.round(sum * 100) / 100;',
  '}',
  '',
  'export const CURRENCY = "EUR";',
  '',
].join('\n');

const employeeCalls = (name: string, args: Record<string, unknown>) => ({
  match: { role: 'employee' as const, call: 'chat' as const },
  response: { type: 'toolCalls' as const, toolCalls: [{ name, arguments: args }] },
  times: 1,
});
const employeeSays = (text: string) => ({ match: { role: 'employee' as const, call: 'chat' as const }, response: { type: 'text' as const, text }, times: 1 });

const step = (title: string, tool: string, file: string, estimateSeconds: number) => ({
  title,
  tool,
  instructions: `Do: ${title}`,
  expectedOutput: `${title} done`,
  expectedFiles: [file],
  estimateSeconds,
});

const budget = (withTotal: boolean) => ({
  path: 'budget.xlsx',
  overwrite: withTotal,
  sheets: [
    {
      name: 'Budget',
      columns: [{ header: 'Item' }, { header: 'Cost' }],
      rows: [['Rent', 1000], ['Ads', 250], ['Travel', 420], ...(withTotal ? [['Total', { formula: 'SUM(B2:B4)' }]] : [])],
    },
    { name: 'Notes', columns: [{ header: 'Note' }], rows: [['Figures in EUR']] },
  ],
});

export function taskDetailScript(): ScriptInput {
  return {
    rules: [
      { match: { role: 'intent' }, response: { type: 'json', value: { intent: 'complex_task', confidence: 0.95, tool: null, parameters: null, question: null } } },
      {
        match: { role: 'manager' },
        response: {
          type: 'json',
          value: {
            question: null,
            title: PLAN_TITLE,
            summary: 'A written report, a budget workbook and a small helper for the totals',
            steps: [
              step('Write the quarterly report', 'documents.docx', 'report.docx', 20),
              step('Build the budget sheet', 'documents.xlsx', 'budget.xlsx', 15),
              step('Write the total helper', 'files.create', 'total.ts', 10),
              step('Round the totals to cents', 'files.create', 'total.ts', 10),
            ],
          },
        },
      },
      employeeCalls('documents.docx', {
        path: 'report.docx',
        title: 'Quarterly report',
        blocks: [
          { type: 'heading', text: 'Revenue', level: 1 },
          { type: 'paragraph', text: 'Revenue grew by 12% this quarter, led by the North region.' },
          { type: 'bullets', items: ['North: 120k', 'South: 95k'] },
          { type: 'table', columns: ['Region', 'Sales'], rows: [['North', 120], ['South', 95]] },
        ],
      }),
      employeeSays('Wrote **report.docx**: a revenue heading, a short summary and a table by region.'),
      employeeCalls('documents.xlsx', budget(false)),
      employeeSays('Built budget.xlsx with the three cost lines.'),
      employeeCalls('documents.xlsx', budget(true)),
      employeeSays('Added a **Total** row to budget.xlsx, as the Supervisor asked.'),
      employeeCalls('files.create', { path: 'total.ts', content: HELPER_V1 }),
      employeeSays('Wrote `total.ts` with a `total()` helper.'),
      employeeCalls('files.create', { path: 'total.ts', content: HELPER_V2, overwrite: true }),
      employeeSays('Rewrote `total()` to round to cents.'),
      {
        match: { role: 'supervisor', lastUser: 'Build the budget sheet' },
        response: { type: 'json', value: { verdict: 'revise', reasons: ['the sheet has no total row'], feedback: 'Add a Total row that sums the costs.', question: null } },
        times: 1,
      },
      { match: { role: 'supervisor' }, response: { type: 'json', value: { verdict: 'pass', reasons: ['looks right'], feedback: null, question: null } } },
    ],
    fallback: { type: 'text', text: 'Done — the quarterly report pack is ready.' },
  };
}

export function writeTaskDetailScript(file: string): void {
  writeFileSync(file, JSON.stringify(taskDetailScript()));
}
