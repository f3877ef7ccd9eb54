/**
 * Real tools for the workflow tests: each appends a line to a journal file on disk, so a test (or
 * a parent process after a kill -9) counts exactly how many times each side effect happened.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { defineTool, type AnyTool } from '../../../../src-main/core/tools/tool.js';

export function journalLines(journal: string): string[] {
  return existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter(Boolean) : [];
}

export function workflowTestTools(journal: string, options: { marker?: string; flakyFailures?: number } = {}): AnyTool[] {
  let flakyLeft = options.flakyFailures ?? 0;
  const record = defineTool({
    name: 'ledger.record',
    title: 'Record in the ledger',
    description: 'Append an entry to the ledger.',
    parameters: z.object({ entry: z.string().min(1), amount: z.number().optional() }).strict(),
    sideEffect: 'local',
    defaultPermission: 'always',
    idempotent: false,
    resultOrigin: () => null,
    async execute(params) {
      appendFileSync(journal, `record:${params.entry}${params.amount !== undefined ? `:${params.amount}` : ''}\n`);
      return { output: { entry: params.entry, line: journalLines(journal).length }, summary: `Recorded ${params.entry}` };
    },
  });
  const undo = defineTool({
    name: 'ledger.undo',
    title: 'Undo a ledger entry',
    description: 'Remove an entry from the ledger.',
    parameters: z.object({ entry: z.string().min(1) }).strict(),
    sideEffect: 'local',
    defaultPermission: 'always',
    idempotent: true,
    resultOrigin: () => null,
    async execute(params) {
      appendFileSync(journal, `undo:${params.entry}\n`);
      return { output: { entry: params.entry }, summary: `Removed ${params.entry}` };
    },
  });
  const send = defineTool({
    name: 'partner.notify',
    title: 'Notify a partner',
    description: 'Send a message to a partner company.',
    parameters: z.object({ to: z.string().min(1), text: z.string().min(1) }).strict(),
    sideEffect: 'external',
    defaultPermission: 'ask',
    idempotent: false,
    resultOrigin: () => null,
    async execute(params) {
      appendFileSync(journal, `notify:${params.to}:${params.text}\n`);
      return { output: { delivered: true }, summary: `Told ${params.to}` };
    },
  });
  const flaky = defineTool({
    name: 'ledger.flaky',
    title: 'Sync the ledger',
    description: 'Sync the ledger (fails the first times).',
    parameters: z.object({ entry: z.string().min(1) }).strict(),
    sideEffect: 'local',
    defaultPermission: 'always',
    idempotent: true,
    resultOrigin: () => null,
    async execute(params) {
      appendFileSync(journal, `flaky-try:${params.entry}\n`);
      if (flakyLeft > 0) {
        flakyLeft -= 1;
        throw new Error('the bank did not answer');
      }
      return { output: { synced: params.entry }, summary: `Synced ${params.entry}` };
    },
  });
  const block = defineTool({
    name: 'ledger.block',
    title: 'Post to the bank',
    description: 'Post an entry to the bank (never returns in the crash test).',
    parameters: z.object({ entry: z.string().min(1) }).strict(),
    sideEffect: 'external',
    defaultPermission: 'always',
    idempotent: false,
    resultOrigin: () => null,
    async execute(params) {
      appendFileSync(journal, `block:${params.entry}\n`);
      if (options.marker) writeFileSync(options.marker, 'in-tool');
      return new Promise<never>(() => undefined);
    },
  });
  return [record, undo, send, flaky, block] as AnyTool[];
}

/** A definition over those tools: record → director approval → (amount > 1000: finance director) → record and notify in parallel. */
export const PURCHASE_YAML = `id: purchase
version: 1
title: Purchase
triggers: [buy]
inputs:
  - { name: item, type: string }
  - { name: amount, type: number }
steps:
  - id: draft
    title: Record the request
    tool: ledger.record
    args: { entry: "request {{inputs.item}}", amount: "{{inputs.amount}}" }
  - id: director_ok
    title: The Director approves
    approval:
      to: { role: director }
      request: "Buy {{inputs.item}} for USD {{inputs.amount}}?"
  - id: finance_ok
    title: Finance approves above USD 1,000
    when: inputs.amount > 1000
    approval:
      to: { role: director, department: finance }
      request: "Above USD 1,000: {{inputs.item}}"
  - id: book
    title: Book the purchase
    after: [finance_ok]
    tool: ledger.record
    args: { entry: "bought {{inputs.item}} ({{steps.director_ok.comment}})" }
  - id: tell
    title: Tell the supplier
    after: [finance_ok]
    tool: ledger.record
    args: { entry: "told supplier about {{inputs.item}}" }
`;
