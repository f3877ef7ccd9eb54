import type { App } from 'electron';
import { guardNavigation } from './navigation-guard.js';
import type { RendererLocation } from './renderer-location.js';
import { hardenSession } from './session-hardening.js';

/**
 * App-wide guards, so a window or session added later (a preview, a helper window, a library
 * that opens one) is covered without anyone remembering to: every web contents gets the
 * navigation guard and every new session the CSP and deny-all permissions.
 */
export function guardEveryWebContents(app: Pick<App, 'on'>, location: RendererLocation): void {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, location));
  app.on('session-created', (session) => hardenSession(session, location));
}
