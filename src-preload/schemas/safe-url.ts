import { z } from 'zod';

/**
 * URLs Steward will send requests (and credentials) to. zod's z.url() alone takes any scheme —
 * javascript:, file:, data: — so every settings URL goes through one of these instead.
 */
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOST.test(url.hostname);
}

function parsed(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** https only (update feeds: what they serve gets installed). */
export const HttpsUrlSchema = (example: string) =>
  z
    .string({ error: `must be a URL such as ${example}` })
    .max(2048, 'is too long (max 2048 characters)')
    .refine((v) => parsed(v) !== null, `must be a URL such as ${example}`)
    .refine((v) => {
      const url = parsed(v);
      return url === null || url.protocol === 'https:';
    }, `must start with https:// (such as ${example})`);

/** https, or http to this machine only (a local Ollama, LM Studio or llama.cpp server). */
export const ServiceUrlSchema = (example: string) =>
  z
    .string({ error: `must be a URL such as ${example}` })
    .max(2048, 'is too long (max 2048 characters)')
    .refine((v) => parsed(v) !== null, `must be a URL such as ${example}`)
    .refine((v) => {
      const url = parsed(v);
      return url === null || url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(url));
    }, `must start with https:// (http:// is allowed only for this machine: localhost or 127.0.0.1), such as ${example}`);
