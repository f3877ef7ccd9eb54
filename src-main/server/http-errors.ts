import type { ServerResponse } from 'node:http';
import { toErrorPayload, type ErrorCode } from '../core/errors.js';

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  settings_invalid: 400,
  model_invalid: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  timeout: 504,
  keychain_unavailable: 503,
  cannot_unlock: 503,
  model_missing: 503,
  provider_failed: 502,
  // Storage problems the user fixes on their machine: the server is fine, the disk or folder is not.
  disk_full: 507,
  folder_not_writable: 503,
  database_empty: 503,
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/** Every error leaves the server as `{ error: { code, message, issues? } }` with a status from its code. */
export function sendError(res: ServerResponse, err: unknown): void {
  const payload = toErrorPayload(err);
  sendJson(res, STATUS_BY_CODE[payload.code] ?? 500, { error: payload });
}
