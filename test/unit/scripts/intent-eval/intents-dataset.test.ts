import { describe, expect, it } from 'vitest';
import { countByIntent, datasetProblems, IntentDatasetError, loadIntentDataset, parseIntentDataset } from '../../../../scripts/intent-eval/dataset.js';
import { INTENTS } from '../../../../src-main/core/agent/intent.js';

const DATASET = 'test/fixtures/intents.jsonl';

describe('test/fixtures/intents.jsonl', () => {
  it('has at least 250 valid, distinct examples with at least 40 of every intent', async () => {
    const examples = await loadIntentDataset(DATASET);
    expect(datasetProblems(examples, { minTotal: 250, minPerClass: 40 })).toEqual([]);
    const counts = countByIntent(examples);
    for (const intent of INTENTS) expect(counts[intent], intent).toBeGreaterThanOrEqual(40);
    // Roughly balanced: no class more than 1.5× another.
    const values = Object.values(counts);
    expect(Math.max(...values) / Math.min(...values)).toBeLessThanOrEqual(1.5);
  });

  it('covers the variety the evaluation is meant to test', async () => {
    const texts = (await loadIntentDataset(DATASET)).map((e) => e.text);
    const has = (re: RegExp) => texts.filter((t) => re.test(t)).length;
    expect(has(/\b(pls|plz|tmrw|u|thx|lsit|emial|websiet|creat|mak|acountant|whats|wat)\b/i), 'typos and texting shorthand').toBeGreaterThanOrEqual(10);
    expect(has(/\b(and then|then|first)\b/i), 'multi-clause requests').toBeGreaterThanOrEqual(5);
    expect(has(/\b(please to|I would like that you|I need that you|explain me|make for me|do the needful)\b/i), 'non-native phrasing').toBeGreaterThanOrEqual(4);
    expect(has(/\b(invoic|meeting|payroll|hir|website|site|contract|supplier|refund|pay|e?mail|client|customer|document|pdf|excel|report|calendar)/i), 'business context').toBeGreaterThanOrEqual(100);
  });
});

describe('dataset parsing', () => {
  it('reports every bad line by number and says how to fix it', () => {
    const jsonl = ['{"text":"hi","intent":"conversation"}', 'not json', '{"text":"","intent":"question"}', '{"text":"x","intent":"smalltalk"}', '{"text":"y","intent":"question","extra":1}'].join('\n');
    const err = (() => {
      try {
        parseIntentDataset(jsonl, 'bad.jsonl');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(IntentDatasetError);
    const problems = (err as IntentDatasetError).problems;
    expect(problems[0]).toBe('line 2 is not valid JSON');
    expect(problems[1]).toBe('line 3: text must not be empty');
    expect(problems[2]).toMatch(/^line 4: intent must be one of simple_action, complex_task/);
    expect(problems[3]).toMatch(/^line 5: /);
    expect((err as IntentDatasetError).userMessage).toContain('The intent dataset bad.jsonl has problems');
  });

  it('finds duplicates regardless of case and spacing, and thin classes', () => {
    const examples = parseIntentDataset('{"text":"Hello  there","intent":"conversation"}\n\n{"text":"hello there","intent":"conversation"}\n');
    expect(datasetProblems(examples, { minTotal: 3, minPerClass: 1 })).toEqual([
      'has 2 examples, fewer than 3',
      'has 0 simple_action examples, fewer than 1',
      'has 0 complex_task examples, fewer than 1',
      'has 0 question examples, fewer than 1',
      'has 0 clarification examples, fewer than 1',
      'example 2 repeats example 1: "hello there"',
    ]);
  });
});
