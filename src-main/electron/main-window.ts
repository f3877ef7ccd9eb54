import { BrowserWindow } from 'electron';
import { guardNavigation } from './navigation-guard.js';
import { rendererUrl, type RendererLocation } from './renderer-location.js';
import { secureWebPreferences } from './secure-web-preferences.js';

export interface MainWindowOptions {
  location: RendererLocation;
  preloadPath: string;
  iconPath?: string;
  /** Hash route to open, e.g. "/quick"; the chat by default. */
  hashRoute?: string;
}

/** The chat window. Security-relevant options come from secureWebPreferences; the session is hardened separately. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1180,
    height: 800,
    minWidth: 720,
    minHeight: 520,
    title: 'Steward',
    show: false,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath, { development: options.location.kind === 'dev' }),
  });
  guardNavigation(win.webContents, options.location);
  // Shown only once painted, so the user never sees a blank white frame.
  win.once('ready-to-show', () => win.show());
  void loadRenderer(win, options.location, options.hashRoute);
  return win;
}

export async function loadRenderer(win: BrowserWindow, location: RendererLocation, hashRoute?: string): Promise<void> {
  try {
    if (location.kind === 'file') await win.loadFile(location.indexPath, hashRoute ? { hash: hashRoute } : undefined);
    else await win.loadURL(rendererUrl(location, hashRoute));
  } catch (err) {
    console.error('[steward] the window could not load the interface', err);
  }
}

/** Brings a window to the front, restoring it if minimised. */
export function revealWindow(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
