import type { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors.js';

/** Parses `value` with `schema`, turning zod issues into a ValidationError that names each field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(what, zodIssues(result.error));
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
