import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { StewardError } from '../core/errors.js';
import { contentSecurityPolicy } from '../core/security/content-security-policy.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The one renderer policy (also the Electron header and the built page's meta tag): no inline script, no eval, network only to this origin. */
export const RENDERER_CSP = contentSecurityPolicy();

/** A request path whose percent-encoding is broken ("/chat/%"): the client's mistake, answered with 400. */
export class BadPathEncodingError extends StewardError {
  constructor() {
    super('invalid_input', 'The address has a broken percent-encoding (a "%" must be followed by two hex digits). Check the link.');
  }
}

/** Serves a file from `root`, refusing any path that escapes it. Returns false when there is no such file. */
export function serveStatic(res: ServerResponse, root: string, relativePath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    throw new BadPathEncodingError();
  }
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (!file.startsWith(path.resolve(root) + path.sep)) return false;
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-security-policy': RENDERER_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=3600',
  });
  createReadStream(file).pipe(res);
  return true;
}
