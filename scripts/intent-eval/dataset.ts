/**
 * The labelled intent dataset (test/fixtures/intents.jsonl): one JSON object a line,
 * {"text", "intent", "note"?}. Loading reports every bad line by number instead of stopping at the first.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { StewardError } from '../../src-main/core/errors.js';
import { INTENTS, type IntentKind } from '../../src-main/core/agent/intent.js';

export const IntentExampleSchema = z
  .object({
    text: z.string().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
    intent: z.enum(INTENTS, { error: `must be one of ${INTENTS.join(', ')}` }),
    note: z.string().max(300).optional(),
  })
  .strict();
export type IntentExample = z.output<typeof IntentExampleSchema>;

export class IntentDatasetError extends StewardError {
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[]) {
    const shown = problems.slice(0, 10).join('; ');
    const more = problems.length > 10 ? ` (and ${problems.length - 10} more)` : '';
    super('invalid_input', `The intent dataset ${source} has problems: ${shown}${more}. Fix those lines and run again.`);
    this.problems = problems;
  }
}

export function parseIntentDataset(jsonl: string, source = 'dataset'): IntentExample[] {
  const examples: IntentExample[] = [];
  const problems: string[] = [];
  jsonl.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1} is not valid JSON`);
      return;
    }
    const parsed = IntentExampleSchema.safeParse(value);
    if (parsed.success) examples.push(parsed.data);
    else problems.push(`line ${i + 1}: ${parsed.error.issues.map((iss) => `${iss.path.join('.') || '(line)'} ${iss.message}`).join(', ')}`);
  });
  if (problems.length > 0) throw new IntentDatasetError(source, problems);
  return examples;
}

export async function loadIntentDataset(path: string): Promise<IntentExample[]> {
  return parseIntentDataset(await readFile(path, 'utf8'), path);
}

/** Quality rules for the shipped dataset: enough examples, every class represented, no duplicates. */
export function datasetProblems(examples: readonly IntentExample[], rules: { minTotal: number; minPerClass: number }): string[] {
  const problems: string[] = [];
  if (examples.length < rules.minTotal) problems.push(`has ${examples.length} examples, fewer than ${rules.minTotal}`);
  const counts = countByIntent(examples);
  for (const intent of INTENTS) {
    if (counts[intent] < rules.minPerClass) problems.push(`has ${counts[intent]} ${intent} examples, fewer than ${rules.minPerClass}`);
  }
  const seen = new Map<string, number>();
  examples.forEach((e, i) => {
    // Case and spacing differences do not make a new example.
    const key = e.text.toLowerCase().replace(/\s+/g, ' ').trim();
    const first = seen.get(key);
    if (first !== undefined) problems.push(`example ${i + 1} repeats example ${first + 1}: "${e.text}"`);
    else seen.set(key, i);
  });
  return problems;
}

export function countByIntent(examples: readonly { intent: IntentKind }[]): Record<IntentKind, number> {
  const counts = Object.fromEntries(INTENTS.map((k) => [k, 0])) as Record<IntentKind, number>;
  for (const e of examples) counts[e.intent]++;
  return counts;
}
