import type { Session } from 'electron';
import { contentSecurityPolicy } from './content-security-policy.js';
import type { RendererLocation } from './renderer-location.js';

/**
 * Locks down the renderer session: every response carries the strict CSP, and every permission
 * (camera, microphone, geolocation, notifications from the page, clipboard reads, …) is refused.
 * The renderer needs none of them; OS notifications come from the main process.
 */
export function hardenSession(session: Session, location: RendererLocation): void {
  const policy = contentSecurityPolicy(location.kind === 'dev' ? { devServerOrigin: new URL(location.url).origin } : {});
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any policy a server sent so ours is the only one in force (two policies would intersect, not replace).
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
