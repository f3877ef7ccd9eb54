import { ApiError } from '../../api/api-error.js';

/** Messages per field path ("budgets.dailyUsd"), from the server's validation issues. */
export type FieldErrors = Readonly<Record<string, string>>;

/** What a failed request means for a form: a message per field it named, plus the whole message. */
export interface RequestError {
  message: string;
  fields: FieldErrors;
}

export function requestErrorOf(err: unknown, stripPrefix = ''): RequestError {
  const error = ApiError.from(err);
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = stripPrefix && issue.path.startsWith(stripPrefix) ? issue.path.slice(stripPrefix.length) : issue.path;
    fields[path] ??= issue.message;
  }
  return { message: error.message, fields };
}

export function messageOf(err: unknown): string {
  return ApiError.from(err).message;
}
