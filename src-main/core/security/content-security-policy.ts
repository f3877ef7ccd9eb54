/**
 * The renderer's Content Security Policy, from this one source for every place it is delivered:
 * the Electron session's response header, the local server's header for /chat/, and the meta tag
 * written into index.html at build time (file:// pages get no headers, so in the packaged app the
 * meta tag is what protects the page). Plain module: Electron, the server and the Vite build
 * config all import it.
 */
export interface CspOptions {
  /** Origin of the electron-vite dev server, when running `electron-vite dev`. */
  devServerOrigin?: string;
  /** A meta tag cannot carry frame-ancestors (browsers ignore it there and warn), so it is left out. */
  delivery?: 'header' | 'meta';
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServerOrigin;
  // Vite's dev server injects the React refresh preamble inline and talks HMR over a WebSocket;
  // only then is inline script allowed, and never eval in any mode. 'self' covers the local
  // server's own WebSocket (ws://127.0.0.1:<its port>), and nothing else on this machine.
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'", dev] : ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'", dev] : ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': dev ? ["'self'", dev, dev.replace(/^http/, 'ws')] : ["'self'"],
    'worker-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'child-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  if (options.delivery !== 'meta') directives['frame-ancestors'] = ["'none'"];
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

/** The placeholder in src-renderer/index.html that the build replaces with the policy. */
export const CSP_PLACEHOLDER = '%STEWARD_CSP%';

/**
 * index.html with the policy in its meta tag. In development (policy null) the tag is removed:
 * the Electron session's header carries the dev policy, which must allow Vite's inline preamble.
 */
export function withCspMeta(html: string, policy: string | null): string {
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html has no ${CSP_PLACEHOLDER} meta tag to fill`);
  if (policy === null) return html.replace(/[ \t]*<meta\s+http-equiv="Content-Security-Policy"\s+content="%STEWARD_CSP%"\s*\/>\n?/, '');
  return html.replace(CSP_PLACEHOLDER, policy.replace(/"/g, '&quot;'));
}
