/**
 * Loads a workflow definition from YAML or JSON text and rejects it, with the line and reason of
 * every problem, when it cannot run as written: a schema error, a cycle, a tool that does not
 * exist, a reference to an input or step output that is not there (or not finished before the
 * step that reads it), or an approval routed to a role nobody holds or a person with no profile.
 * Catching these when the definition is loaded means a run never stops halfway on a typo.
 */
import { DEPARTMENT_LABEL } from '../people/roles.js';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import {
  predecessorsOf,
  stepKind,
  WorkflowDefinitionSchema,
  type Route,
  type WorkflowDefinition,
  type WorkflowStep,
} from './workflow-definition.js';
import { WorkflowDefinitionError, type DefinitionProblem } from './workflow-errors.js';
import { ExpressionError, parseCondition, referencesOf, templateReferences, type Reference } from './workflow-expression.js';

/** What the loader checks names against: the tools installed and the people who hold roles. */
export interface DefinitionContext {
  hasTool(name: string): boolean;
  /** How many people a route reaches (0 = nobody holds that role / no such person). */
  holdersOf(route: Route): number;
}

export function loadWorkflowDefinition(text: string, sourceName: string, context: DefinitionContext): WorkflowDefinition {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new WorkflowDefinitionError(
      sourceName,
      doc.errors.map((e) => ({ line: lines.linePos(e.pos[0]).line, reason: `not valid YAML or JSON: ${e.message.split('\n')[0]}` })),
    );
  }
  const lineOf = (path: (string | number)[]): number | null => lineAt(doc, lines, path);
  const parsed = WorkflowDefinitionSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new WorkflowDefinitionError(
      sourceName,
      parsed.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        return { line: lineOf(path), reason: `${path.length ? path.join('.') : 'the definition'} ${issue.message}` };
      }),
    );
  }
  const problems = checkDefinition(parsed.data, context, lineOf);
  if (problems.length > 0) throw new WorkflowDefinitionError(sourceName, problems);
  return parsed.data;
}

/** The graph and name checks, on a definition that already has the right shape. */
export function checkDefinition(definition: WorkflowDefinition, context: DefinitionContext, lineOf: (path: (string | number)[]) => number | null = () => null): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const stepLine = (index: number, ...rest: (string | number)[]) => lineOf(['steps', index, ...rest]) ?? lineOf(['steps', index]);
  const indexOf = new Map<string, number>();
  definition.steps.forEach((step, index) => {
    if (indexOf.has(step.id)) problems.push({ line: stepLine(index, 'id'), reason: `the step id "${step.id}" is used twice; each step needs its own id` });
    else indexOf.set(step.id, index);
  });
  const inputs = new Set(definition.inputs.map((i) => i.name));
  const predecessors = predecessorsOf(definition);

  definition.steps.forEach((step, index) => {
    for (const dependency of step.after ?? []) {
      if (!indexOf.has(dependency)) problems.push({ line: stepLine(index, 'after'), reason: `step "${step.id}" comes after "${dependency}", which is not a step in this workflow` });
    }
  });
  const cycle = findCycle(definition.steps.map((s) => s.id), predecessors);
  if (cycle) problems.push({ line: stepLine(indexOf.get(cycle[0]!)!, 'after'), reason: `the steps wait for each other in a cycle (${cycle.join(' → ')}), so none of them could ever start` });

  definition.steps.forEach((step, index) => {
    const ancestors = cycle ? new Set<string>() : ancestorsOf(step.id, predecessors);
    const checkRef = (ref: Reference, where: (string | number)[], text: string) => {
      if (ref.kind === 'input' && !inputs.has(ref.name)) problems.push({ line: stepLine(index, ...where), reason: `step "${step.id}" reads "${text}", but the workflow has no input "${ref.name}"` });
      if (ref.kind === 'step') {
        if (!indexOf.has(ref.stepId)) problems.push({ line: stepLine(index, ...where), reason: `step "${step.id}" reads "${text}", but there is no step "${ref.stepId}" to produce it` });
        else if (!cycle && !ancestors.has(ref.stepId)) problems.push({ line: stepLine(index, ...where), reason: `step "${step.id}" reads "${text}", but "${ref.stepId}" is not guaranteed to have finished first (add it to "after")` });
      }
    };
    const checkTemplates = (value: unknown, where: (string | number)[]) => {
      for (const found of templateReferences(value)) {
        if (found.error || !found.ref) problems.push({ line: stepLine(index, ...where), reason: `step "${step.id}": ${found.error ?? 'bad reference'}` });
        else checkRef(found.ref, where, found.text);
      }
    };
    if (step.when) {
      try {
        const condition = parseCondition(step.when);
        for (const ref of referencesOf(condition)) checkRef(ref, ['when'], refText(ref));
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw err;
        problems.push({ line: stepLine(index, 'when'), reason: `step "${step.id}" has a condition that cannot be read: ${err.message}` });
      }
    }
    checkStepBody(step, index, context, problems, stepLine, checkTemplates);
  });
  return problems;
}

function checkStepBody(
  step: WorkflowStep,
  index: number,
  context: DefinitionContext,
  problems: DefinitionProblem[],
  stepLine: (index: number, ...rest: (string | number)[]) => number | null,
  checkTemplates: (value: unknown, where: (string | number)[]) => void,
): void {
  const kind = stepKind(step);
  if ('tool' in step) {
    if (!context.hasTool(step.tool)) problems.push({ line: stepLine(index, 'tool'), reason: `step "${step.id}" calls the tool "${step.tool}", which is not installed in this Steward` });
    checkTemplates(step.args, ['args']);
    if (step.compensate) {
      if (!context.hasTool(step.compensate.tool)) problems.push({ line: stepLine(index, 'compensate', 'tool'), reason: `step "${step.id}" is undone with the tool "${step.compensate.tool}", which is not installed in this Steward` });
      checkTemplates(step.compensate.args, ['compensate', 'args']);
    }
  }
  if ('approval' in step || 'ask' in step) {
    const body = 'approval' in step ? step.approval : step.ask;
    const key = kind === 'approval' ? 'approval' : 'ask';
    if (context.holdersOf(body.to) === 0) {
      const who = 'role' in body.to ? `the role "${body.to.role}"${body.to.department ? ` in ${DEPARTMENT_LABEL[body.to.department]}` : ''}, which nobody holds` : `"${body.to.person}", who has no profile`;
      problems.push({ line: stepLine(index, key, 'to'), reason: `step "${step.id}" is routed to ${who} — add the person in Settings › People or route it elsewhere` });
    }
    checkTemplates('approval' in step ? step.approval.request : step.ask.question, [key]);
  }
  if ('wait' in step) {
    const until = step.wait.until.trim();
    const whole = /^\{\{\s*([^}]*?)\s*\}\}$/.exec(until);
    if (whole) checkTemplates(until, ['wait', 'until']);
    else if (Number.isNaN(Date.parse(until))) problems.push({ line: stepLine(index, 'wait', 'until'), reason: `step "${step.id}" waits until "${until}", which is neither a date (2027-01-05 or 2027-01-05T09:00:00Z) nor a reference like {{inputs.startDate}}` });
  }
}

function refText(ref: Reference): string {
  return ref.kind === 'input' ? ['inputs', ref.name, ...ref.path].join('.') : ['steps', ref.stepId, ...ref.path].join('.');
}

/** A cycle in the "waits for" graph, as the ids around it, or null. */
function findCycle(ids: string[], predecessors: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of predecessors.get(id) ?? []) {
      if (!predecessors.has(dep)) continue;
      const found = visit(dep);
      if (found) return found;
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of ids) {
    const found = visit(id);
    if (found) return found.reverse();
  }
  return null;
}

export function ancestorsOf(id: string, predecessors: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...(predecessors.get(id) ?? [])];
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(predecessors.get(next) ?? []));
  }
  return seen;
}

function lineAt(doc: Document, lines: LineCounter, path: (string | number)[]): number | null {
  // Walk down as far as the path exists: a missing key is reported on its parent's line.
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      if (length === path.length || isMap(node) || isSeq(node)) return lines.linePos(node.range[0] as number).line;
    }
  }
  return null;
}
