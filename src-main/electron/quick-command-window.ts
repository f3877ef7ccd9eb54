import { BrowserWindow, screen, type WebContents } from 'electron';
import { loadRenderer, revealWindow } from './main-window.js';
import { guardNavigation } from './navigation-guard.js';
import type { RendererLocation } from './renderer-location.js';
import { secureWebPreferences } from './secure-web-preferences.js';

/** Hash route the renderer shows in this window: one input that sends one chat message. */
export const QUICK_COMMAND_ROUTE = '/quick';

/** Long enough to read the renderer's "Sent … — Steward is on it" line before the window goes. */
export const HIDE_AFTER_SEND_MS = 1500;

export interface QuickCommandWindowOptions {
  location: RendererLocation;
  preloadPath: string;
  /** While the app quits, closing really closes; before that the window is only hidden. */
  isQuitting(): boolean;
}

export interface QuickCommandWindow {
  readonly window: BrowserWindow;
  show(): void;
  hide(): void;
  toggle(): void;
  /** Called once its message was accepted by the core: hides shortly after, so the confirmation is seen. */
  messageSent(): void;
  /** Whether `contents` belongs to this window (the IPC bridge closes it after its message is sent). */
  owns(contents: WebContents): boolean;
  destroy(): void;
}

/**
 * A small frameless, always-on-top window over the current screen, created hidden once and
 * reused so the shortcut opens it instantly. It hides on Escape, when it loses focus, shortly
 * after its message is sent, and when the page calls window.close().
 */
export function createQuickCommandWindow(options: QuickCommandWindowOptions): QuickCommandWindow {
  const win = new BrowserWindow({
    width: 640,
    height: 150,
    show: false,
    frame: false,
    resizable: false,
    movable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    title: 'Steward — quick command',
    webPreferences: secureWebPreferences(options.preloadPath, { development: options.location.kind === 'dev' }),
  });
  guardNavigation(win.webContents, options.location);
  void loadRenderer(win, options.location, QUICK_COMMAND_ROUTE);

  let pendingHide: ReturnType<typeof setTimeout> | null = null;
  const cancelPendingHide = (): void => {
    if (pendingHide) clearTimeout(pendingHide);
    pendingHide = null;
  };
  const hide = (): void => {
    cancelPendingHide();
    if (!win.isDestroyed() && win.isVisible()) win.hide();
  };
  win.on('blur', hide);
  // Not preventDefault: the page still sees Escape (it clears its draft); the window goes either way.
  win.webContents.on('before-input-event', (_event, input) => {
    if (input.type === 'keyDown' && input.key === 'Escape') hide();
  });
  // The window is reused: a window.close() from the page, or the OS close, only hides it.
  win.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    hide();
  });

  const show = (): void => {
    if (win.isDestroyed()) return;
    cancelPendingHide();
    placeOnActiveDisplay(win);
    revealWindow(win);
  };

  return {
    window: win,
    show,
    hide,
    toggle: () => (win.isVisible() ? hide() : show()),
    messageSent: () => {
      cancelPendingHide();
      pendingHide = setTimeout(hide, HIDE_AFTER_SEND_MS);
    },
    owns: (contents) => !win.isDestroyed() && win.webContents.id === contents.id,
    destroy: () => {
      cancelPendingHide();
      if (!win.isDestroyed()) win.destroy();
    },
  };
}

/** Centres the window horizontally, a quarter down the display the pointer is on. */
function placeOnActiveDisplay(win: BrowserWindow): void {
  const { workArea } = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
  const [width = 640] = win.getSize();
  win.setPosition(Math.round(workArea.x + (workArea.width - width) / 2), Math.round(workArea.y + workArea.height / 4));
}
