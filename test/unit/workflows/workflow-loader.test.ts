import { describe, expect, it } from 'vitest';
import { SHIPPED_DEFINITIONS } from '../../../src-main/core/workflows/definitions/index.js';
import { loadWorkflowDefinition, WorkflowDefinitionError, type DefinitionContext } from '../../../src-main/core/workflows/index.js';

const everyone: DefinitionContext = { hasTool: () => true, holdersOf: () => 1 };

function problemsOf(text: string, context: DefinitionContext = everyone): { line: number | null; reason: string }[] {
  try {
    loadWorkflowDefinition(text, 'test.yaml', context);
  } catch (err) {
    if (err instanceof WorkflowDefinitionError) return [...err.problems];
    throw err;
  }
  return [];
}

const head = 'id: t\nversion: 1\ntitle: T\n';

describe('loading workflow definitions', () => {
  it('loads every shipped definition when its tools exist and its roles are held', () => {
    const builtin = ['documents.docx', 'hris.createEmployee', 'email.send', 'calendar.create_event', 'stripe.create_payment'];
    for (const shipped of SHIPPED_DEFINITIONS) {
      const definition = loadWorkflowDefinition(shipped.yaml, shipped.source, { hasTool: (n) => builtin.includes(n), holdersOf: () => 1 });
      expect(definition.steps.length).toBeGreaterThan(0);
    }
  });

  it('rejects a cycle with the line and the steps in it', () => {
    expect(problemsOf(`${head}steps:\n  - id: a\n    tool: x\n    after: [b]\n  - id: b\n    tool: x\n`)).toEqual([
      { line: 7, reason: 'the steps wait for each other in a cycle (a → b → a), so none of them could ever start' },
    ]);
  });

  it('rejects an unknown tool on its line', () => {
    expect(problemsOf(`${head}steps:\n  - id: a\n    tool: hris.create\n`, { ...everyone, hasTool: (n) => n !== 'hris.create' })).toEqual([
      { line: 6, reason: 'step "a" calls the tool "hris.create", which is not installed in this Steward' },
    ]);
  });

  it('rejects references to a missing input, a missing step, and a step not finished before the reader', () => {
    const text = `${head}inputs:\n  - { name: salary, type: number }\nsteps:\n  - id: a\n    tool: x\n    args: { v: "{{inputs.salry}}" }\n  - id: b\n    after: []\n    tool: x\n    args: { v: "{{steps.a.output.path}}", w: "{{steps.zz.output}}" }\n`;
    expect(problemsOf(text)).toEqual([
      { line: 9, reason: 'step "a" reads "inputs.salry", but the workflow has no input "salry"' },
      { line: 13, reason: 'step "b" reads "steps.a.output.path", but "a" is not guaranteed to have finished first (add it to "after")' },
      { line: 13, reason: 'step "b" reads "steps.zz.output", but there is no step "zz" to produce it' },
    ]);
  });

  it('rejects an approval routed to a role nobody holds, or to a person with no profile', () => {
    const text = `${head}steps:\n  - id: cfo\n    approval:\n      to: { role: director, department: finance }\n      request: ok?\n  - id: named\n    approval:\n      to: { person: priya@acme.test }\n      request: ok?\n`;
    expect(problemsOf(text, { ...everyone, holdersOf: () => 0 })).toEqual([
      { line: 7, reason: 'step "cfo" is routed to the role "director" in Finance, which nobody holds — add the person in Settings › People or route it elsewhere' },
      { line: 11, reason: 'step "named" is routed to "priya@acme.test", who has no profile — add the person in Settings › People or route it elsewhere' },
    ]);
  });

  it('reports broken YAML, wrong fields and unreadable conditions with their lines', () => {
    expect(problemsOf(`${head}title: Again\nsteps: []\n`)).toEqual([{ line: 4, reason: 'not valid YAML or JSON: Map keys must be unique' }]);
    expect(problemsOf(`${head}steps:\n  - id: a\n    tool: x\n    onFailure: { retry: 9 }\n`)).toEqual([{ line: 7, reason: 'steps.0.onFailure.retry must be at most 5 retries' }]);
    expect(problemsOf(`${head}inputs:\n  - { name: salary, type: number }\nsteps:\n  - id: a\n    when: inputs.salary >> 5\n    tool: x\n`)).toEqual([
      { line: 8, reason: 'step "a" has a condition that cannot be read: ">" is not a reference (use inputs.<name> or steps.<id>.output.<field>)' },
    ]);
  });

  it('accepts JSON as well as YAML', () => {
    const json = JSON.stringify({ id: 'j', version: 2, title: 'J', steps: [{ id: 'a', tool: 'x' }, { id: 'b', wait: { until: '2030-01-01' } }] });
    expect(loadWorkflowDefinition(json, 'j.json', everyone).version).toBe(2);
  });
});
