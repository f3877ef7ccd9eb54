import { shell, type WebContents } from 'electron';
import { isSafeExternalUrl } from './external-url.js';
import { isTrustedRendererUrl, type RendererLocation } from './renderer-location.js';

/**
 * The renderer never navigates away from the app and never opens windows. Links to http(s)
 * sites are handed to the OS browser after a URL check; everything else is dropped.
 */
export function guardNavigation(contents: WebContents, location: RendererLocation): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  // In-app routing is hash-based and does not fire will-navigate, so every navigation is refused.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternally(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedRendererUrl(event.url, location)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function openExternally(url: string): boolean {
  if (!isSafeExternalUrl(url)) return false;
  shell.openExternal(url).catch((err: unknown) => console.error('[steward] could not open link in the browser', err));
  return true;
}
