import { shell, type WebContents } from 'electron';
import { isSafeExternalUrl } from './external-url.js';
import { isTrustedRendererUrl, type RendererLocation } from './renderer-location.js';

/** Where a link to one of the app's own pages goes (the main window, at that route). */
let openAppRoute: ((hashRoute: string) => void) | null = null;

export function setAppRouteOpener(opener: ((hashRoute: string) => void) | null): void {
  openAppRoute = opener;
}

const guarded = new WeakSet<WebContents>();

/**
 * The renderer never navigates away from the app and never opens windows. Links to http(s)
 * sites are handed to the OS browser after a URL check; a link to one of the app's own pages
 * (the quick window's "Open to approve") opens that page in the main window; everything else is
 * dropped. Installed for every web contents the app creates (web-contents-guard.ts), once each.
 */
export function guardNavigation(contents: WebContents, location: RendererLocation): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    if (!openAppLink(url, location)) openExternally(url);
    return { action: 'deny' };
  });
  // In-app routing is hash-based and does not fire will-navigate, so every navigation is refused.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    if (!openAppLink(event.url, location)) openExternally(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedRendererUrl(event.url, location)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** A route inside the app, such as "/c/<id>", when `url` is the app's own page; null otherwise. */
export function appRouteOf(url: string, location: RendererLocation): string | null {
  if (!isTrustedRendererUrl(url, location)) return null;
  const hash = new URL(url).hash.replace(/^#/, '');
  return /^\/[A-Za-z0-9/_%.-]*$/.test(hash) ? hash : null;
}

function openAppLink(url: string, location: RendererLocation): boolean {
  const route = appRouteOf(url, location);
  if (route === null || !openAppRoute) return false;
  openAppRoute(route);
  return true;
}

export function openExternally(url: string): boolean {
  if (!isSafeExternalUrl(url)) return false;
  shell.openExternal(url).catch((err: unknown) => console.error('[steward] could not open link in the browser', err));
  return true;
}
