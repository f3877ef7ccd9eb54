/**
 * The small language of `when:` conditions and `{{…}}` templates. Deliberately tiny and parsed
 * by code (no eval): a condition is comparisons (`inputs.salary > 150000`) joined by `and`/`or`,
 * or a reference alone (true when it holds a truthy value). References read the run's inputs
 * (`inputs.name`) and finished steps (`steps.<id>.output.<field>`, `steps.<id>.status`,
 * `steps.<id>.by`, `steps.<id>.comment`). Values come from people and from untrusted text: they
 * are only ever compared or copied into a tool's arguments as data, never interpreted.
 */
export type Reference = { kind: 'input'; name: string; path: string[] } | { kind: 'step'; stepId: string; path: string[] };

type Operand = { kind: 'ref'; ref: Reference; text: string } | { kind: 'literal'; value: string | number | boolean | null };
type Comparison = { op: '>' | '>=' | '<' | '<=' | '==' | '!='; left: Operand; right: Operand } | { op: 'truthy'; left: Operand };
export interface Condition {
  /** Disjunction of conjunctions: [[a, b], [c]] means (a and b) or c. */
  any: Comparison[][];
}

export class ExpressionError extends Error {}

const REF_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

export function parseReference(text: string): Reference {
  if (!REF_PATTERN.test(text)) throw new ExpressionError(`"${text}" is not a reference (use inputs.<name> or steps.<id>.output.<field>)`);
  const parts = text.split('.');
  if (parts[0] === 'inputs' && parts.length >= 2) return { kind: 'input', name: parts[1]!, path: parts.slice(2) };
  if (parts[0] === 'steps' && parts.length >= 3) {
    const field = parts[2]!;
    if (!['output', 'status', 'by', 'comment', 'answer', 'summary'].includes(field)) {
      throw new ExpressionError(`"${text}" reads "${field}" of a step; a step has output, status, by, comment, answer and summary`);
    }
    return { kind: 'step', stepId: parts[1]!, path: parts.slice(2) };
  }
  throw new ExpressionError(`"${text}" is not a reference (use inputs.<name> or steps.<id>.output.<field>)`);
}

const TOKEN = /\s*(>=|<=|==|!=|>|<|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_.]*)/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < source.length) {
    if (/^\s*$/.test(source.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(source);
    if (!match) throw new ExpressionError(`cannot read "${source.slice(position).trim()}" in the condition "${source}"`);
    tokens.push(match[1]!);
    position = TOKEN.lastIndex;
  }
  return tokens;
}

function operand(token: string | undefined, source: string): Operand {
  if (token === undefined) throw new ExpressionError(`the condition "${source}" ends too early`);
  if (/^-?\d/.test(token)) return { kind: 'literal', value: Number(token) };
  if (token.startsWith('"') || token.startsWith("'")) return { kind: 'literal', value: token.slice(1, -1).replace(/\\(.)/g, '$1') };
  if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' };
  if (token === 'null') return { kind: 'literal', value: null };
  return { kind: 'ref', ref: parseReference(token), text: token };
}

const OPERATORS = new Set(['>', '>=', '<', '<=', '==', '!=']);

export function parseCondition(source: string): Condition {
  const tokens = tokenize(source);
  if (tokens.length === 0) throw new ExpressionError('the condition is empty');
  const any: Comparison[][] = [[]];
  let index = 0;
  while (index < tokens.length) {
    const left = operand(tokens[index], source);
    const next = tokens[index + 1];
    let comparison: Comparison;
    if (next !== undefined && OPERATORS.has(next)) {
      comparison = { op: next as Exclude<Comparison['op'], 'truthy'>, left, right: operand(tokens[index + 2], source) };
      index += 3;
    } else {
      comparison = { op: 'truthy', left };
      index += 1;
    }
    any[any.length - 1]!.push(comparison);
    const joiner = tokens[index];
    if (joiner === undefined) break;
    if (joiner === 'and') index += 1;
    else if (joiner === 'or') {
      any.push([]);
      index += 1;
    } else throw new ExpressionError(`expected "and" or "or" before "${joiner}" in the condition "${source}"`);
    if (index >= tokens.length) throw new ExpressionError(`the condition "${source}" ends with "${joiner}"`);
  }
  return { any };
}

export function referencesOf(condition: Condition): Reference[] {
  const refs: Reference[] = [];
  for (const group of condition.any) {
    for (const c of group) {
      if (c.left.kind === 'ref') refs.push(c.left.ref);
      if (c.op !== 'truthy' && c.right.kind === 'ref') refs.push(c.right.ref);
    }
  }
  return refs;
}

/** What references read: the run's inputs and each finished step's record. */
export interface Scope {
  inputs: Record<string, unknown>;
  steps: Record<string, { output?: unknown; status?: string; by?: string | null; comment?: string | null; answer?: string | null; summary?: string | null }>;
}

export function resolveReference(ref: Reference, scope: Scope): unknown {
  let value: unknown = ref.kind === 'input' ? scope.inputs[ref.name] : scope.steps[ref.stepId];
  for (const key of ref.path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function valueOf(o: Operand, scope: Scope): unknown {
  return o.kind === 'literal' ? o.value : resolveReference(o.ref, scope);
}

function compare(op: Comparison['op'], a: unknown, b: unknown): boolean {
  if (op === '==') return a === b || (a !== null && b !== null && a !== undefined && b !== undefined && String(a) === String(b));
  if (op === '!=') return !compare('==', a, b);
  const x = typeof a === 'number' ? a : Number(a);
  const y = typeof b === 'number' ? b : Number(b);
  // A missing or non-numeric value is never greater or smaller than anything: the branch does not run.
  if (a === undefined || a === null || b === undefined || b === null || Number.isNaN(x) || Number.isNaN(y)) return false;
  return op === '>' ? x > y : op === '>=' ? x >= y : op === '<' ? x < y : x <= y;
}

export function evaluateCondition(condition: Condition, scope: Scope): boolean {
  return condition.any.some((group) =>
    group.every((c) => {
      const left = valueOf(c.left, scope);
      return c.op === 'truthy' ? Boolean(left) : compare(c.op, left, valueOf(c.right, scope));
    }),
  );
}

const TEMPLATE = /\{\{\s*([^}]*?)\s*\}\}/g;

/** The references inside every string of a value (tool arguments). */
export function templateReferences(value: unknown): { text: string; ref: Reference | null; error: string | null }[] {
  const found: { text: string; ref: Reference | null; error: string | null }[] = [];
  walkStrings(value, (s) => {
    for (const match of s.matchAll(TEMPLATE)) {
      try {
        found.push({ text: match[1]!, ref: parseReference(match[1]!), error: null });
      } catch (err) {
        found.push({ text: match[1]!, ref: null, error: (err as Error).message });
      }
    }
  });
  return found;
}

function walkStrings(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((v) => walkStrings(v, visit));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => walkStrings(v, visit));
}

/**
 * Fills `{{…}}` in every string. A string that is exactly one reference keeps the value's type (a
 * number stays a number); inside text, values are written as text and missing ones as "".
 */
export function fillTemplate(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([^}]*?)\s*\}\}$/.exec(value);
    // A missing optional value leaves the argument out (the tool's own default applies) rather than sending "".
    if (whole) return resolveReference(parseReference(whole[1]!), scope) ?? undefined;
    return value.replace(TEMPLATE, (_, text: string) => {
      const v = resolveReference(parseReference(text), scope);
      return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => fillTemplate(v, scope)).filter((v) => v !== undefined);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => {
      const filled = fillTemplate(v, scope);
      return filled === undefined ? [] : [[k, filled]];
    }));
  }
  return value;
}
