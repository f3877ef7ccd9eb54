/**
 * The renderer's Content Security Policy. Plain module: the same string is sent as a response
 * header by the Electron session and is what src-renderer/index.html should carry in its meta tag
 * (file:// responses have no headers, so the meta tag is what protects the packaged app).
 */
export interface CspOptions {
  /** Origin of the electron-vite dev server, when running `electron-vite dev`. */
  devServerOrigin?: string;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServerOrigin;
  // Vite's dev server injects the React refresh preamble inline and talks HMR over a WebSocket;
  // only then is inline script allowed, and never eval in any mode.
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'", dev] : ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'", dev] : ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': dev ? ["'self'", dev, dev.replace(/^http/, 'ws')] : ["'self'"],
    'worker-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'child-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Parses a CSP string into directive -> sources; used by tests and by anyone auditing the policy. */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}
