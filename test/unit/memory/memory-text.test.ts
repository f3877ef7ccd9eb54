import { describe, expect, it } from 'vitest';
import { fuse } from '../../../src-main/core/memory/hybrid-search.js';
import { formatPath, lineOfPath } from '../../../src-main/core/memory/json-locate.js';
import { parseMemoryCommand } from '../../../src-main/core/memory/memory-commands.js';
import { extractByRules } from '../../../src-main/core/memory/rule-extractor.js';
import { taskSignature } from '../../../src-main/core/memory/task-patterns.js';
import { ftsQuery, nGrams, significantWords } from '../../../src-main/core/memory/text-terms.js';

describe('exact memory commands (the agent answers these without a model)', () => {
  it('recognises only the exact forms, the slash forms too', () => {
    expect(parseMemoryCommand('remember that Ann’s birthday is 3 May')).toEqual({ kind: 'remember', statement: 'Ann’s birthday is 3 May' });
    expect(parseMemoryCommand('Remember: office closes at 6')).toEqual({ kind: 'remember', statement: 'office closes at 6' });
    expect(parseMemoryCommand('/forget the old address')).toEqual({ kind: 'forget', query: 'the old address' });
    expect(parseMemoryCommand('please forget about the Lisbon supplier')).toEqual({ kind: 'forget', query: 'the Lisbon supplier' });
    expect(parseMemoryCommand('remember to call Bob tomorrow')).toBeNull();
    expect(parseMemoryCommand('do you remember the invoice?')).toBeNull();
  });
});

describe('memory commands', () => {
  it.each([
    ['Remember that Sarah is our CFO', { kind: 'remember', statement: 'Sarah is our CFO' }],
    ['please remember: invoices go out monthly', { kind: 'remember', statement: 'invoices go out monthly' }],
    ["Forget John's phone number.", { kind: 'forget', query: "John's phone number" }],
    ['forget everything about Apollo', { kind: 'forget', query: 'Apollo' }],
    ['What do you know about Acme?', { kind: 'describe', subject: 'Acme' }],
    ['Show me my data', { kind: 'show_data' }],
    ['Clear my data', { kind: 'clear_data' }],
    ['Forget everything', { kind: 'clear_data' }],
    ['Email the team about Friday', null],
    ['Remember to call Bob tomorrow', null],
    ['forget it', null],
    ['Forget about that.', null],
  ])('%s', (text, command) => {
    expect(parseMemoryCommand(text)).toEqual(command);
  });
});

describe('rule reader for "Remember that …"', () => {
  it('reads the common statement shapes', () => {
    const read = (s: string) => extractByRules(s, 0.95).map((c) => [c.subject, c.predicate, c.object, c.validFrom ?? null, c.validTo ?? null]);
    expect(read("John's email is john@acme.com")).toEqual([['John', 'email', 'john@acme.com', null, null]]);
    expect(read('Sarah is our CFO since 2023')).toEqual([['Sarah', 'title', 'CFO', '2023', null]]);
    expect(read('John Smith was our CFO from 2020 to 2023')).toEqual([['John Smith', 'title', 'CFO', '2020', '2023']]);
    expect(read('Alice and Bob are in the engineering team')).toEqual([
      ['Alice', 'member_of', 'engineering', null, null],
      ['Bob', 'member_of', 'engineering', null, null],
    ]);
    expect(read('my manager is Dana')).toEqual([['user', 'reports_to', 'Dana', null, null]]);
    expect(read('our CFO is Sarah')).toEqual([['Sarah', 'title', 'CFO', null, null]]);
    expect(read('Xero is our accounting tool')).toEqual([['our company', 'accounting tool', 'Xero', null, null]]);
    expect(read('we use Slack and Notion')).toEqual([
      ['our company', 'uses', 'Slack', null, null],
      ['our company', 'uses', 'Notion', null, null],
    ]);
    expect(read('the weather was nice')).toEqual([]);
  });
});

describe('search text helpers', () => {
  it('quotes every word so user text is never FTS syntax', () => {
    expect(ftsQuery(significantWords('What is "Bob" OR NEAR(email)?'))).toBe('"bob" OR "near" OR "email"');
    expect(ftsQuery([])).toBeNull();
  });

  it('builds name n-grams without stopword-only grams', () => {
    expect(nGrams('email the Engineering team', 2).sort()).toEqual(['email', 'email the', 'engineering', 'engineering team', 'team', 'the engineering']);
  });

  it('fuses ranked lists by reciprocal rank', () => {
    const fused = fuse({ keyword: [1, 2, 3], vector: [3, 1], entity: [3] });
    const order = [...fused.entries()].sort((a, b) => b[1].score - a[1].score).map(([id]) => id);
    expect(order).toEqual([3, 1, 2]);
    expect(fused.get(3)?.via).toEqual(['keyword', 'vector', 'entity']);
  });

  it('locates a JSON path by line', () => {
    const text = JSON.stringify({ a: 1, facts: [{ x: 1 }, { x: 2, object: '' }] }, null, 2);
    expect(text.split('\n')[8]).toBe('      "object": ""');
    expect(lineOfPath(text, ['facts', 1, 'object'])).toBe(9);
    // A missing key points at the object that lacks it.
    expect(lineOfPath(text, ['facts', 1, 'missing'])).toBe(7);
    expect(formatPath(['facts', 1, 'object'])).toBe('facts[1].object');
  });

  it('treats the same task with other dates as one kind of task', () => {
    expect(taskSignature('report.send', 'Send the weekly report to the team on Monday 3 March')).toBe(taskSignature('report.send', 'send weekly report to the team'));
    expect(taskSignature('report.send', 'send the monthly report')).not.toBe(taskSignature('report.send', 'send the weekly report'));
  });
});
