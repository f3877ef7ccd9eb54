/**
 * A run's inputs checked against the definition: every required input present, each of its type
 * ("$150,000" is read as the number 150000; dates are YYYY-MM-DD). Inputs often come from a
 * chat sentence or an email, so they are only ever data: checked, copied into arguments, never run.
 */
import { z } from 'zod';
import type { WorkflowDefinition, WorkflowInput } from './workflow-definition.js';

const emailSchema = z.email();

function coerce(input: WorkflowInput, raw: unknown): { value: unknown } | { problem: string } {
  const label = `"${input.name}"${input.description ? ` (${input.description})` : ''}`;
  switch (input.type) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.replace(/[$,\s]|usd/gi, '')) : NaN;
      return Number.isFinite(n) ? { value: n } : { problem: `${label} must be a number, such as 150000` };
    }
    case 'date': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
      return ok ? { value: text } : { problem: `${label} must be a date written as YYYY-MM-DD, such as 2027-01-05` };
    }
    case 'email': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      return emailSchema.safeParse(text).success ? { value: text.toLowerCase() } : { problem: `${label} must be an email address, such as dana@example.com` };
    }
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : raw === 'true' || raw === 'false' ? { value: raw === 'true' } : { problem: `${label} must be true or false` };
    default: {
      const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : null;
      if (text === null || text.length === 0) return { problem: `${label} must be text` };
      return text.length > 2000 ? { problem: `${label} must be at most 2000 characters` } : { value: text };
    }
  }
}

export interface InputCheck {
  values: Record<string, unknown>;
  /** Required inputs not given, by name (the chat asks for these). */
  missing: WorkflowInput[];
  problems: string[];
}

export function checkInputs(definition: WorkflowDefinition, raw: unknown): InputCheck {
  const given = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const values: Record<string, unknown> = {};
  const missing: WorkflowInput[] = [];
  const problems: string[] = [];
  const known = new Set(definition.inputs.map((i) => i.name));
  for (const name of Object.keys(given)) if (!known.has(name)) problems.push(`"${name}" is not an input of this workflow (its inputs: ${[...known].join(', ') || 'none'})`);
  for (const input of definition.inputs) {
    const value = given[input.name];
    if (value === undefined || value === null || value === '') {
      if (input.required) missing.push(input);
      continue;
    }
    const result = coerce(input, value);
    if ('problem' in result) problems.push(result.problem);
    else values[input.name] = result.value;
  }
  return { values, missing, problems };
}
