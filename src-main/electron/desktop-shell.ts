import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { applicationMenuTemplate } from './app-menu.js';
import { setAppRouteOpener } from './navigation-guard.js';
import { guardEveryWebContents } from './web-contents-guard.js';
import type { Notifier } from '../core/ports.js';
import type { StewardEvent } from '../../src-preload/contract.js';
import { bindQuickCommandShortcut, type QuickCommandShortcut } from './global-shortcut.js';
import { installIdFile } from './shell-files.js';
import { readOrCreateInstallId } from './install-id.js';
import { registerIpcBridge, type IpcBridge } from './ipc-bridge.js';
import { createMainWindow, loadRenderer, revealWindow } from './main-window.js';
import { createQuickCommandWindow, type QuickCommandWindow } from './quick-command-window.js';
import type { RendererLocation } from './renderer-location.js';
import { hardenSession } from './session-hardening.js';
import { UI_ACTOR, type ShellCore } from './shell-core.js';
import { createTray, type StewardTray } from './tray.js';
import { startUpdater, type StewardUpdater, type UpdaterLike } from './updater.js';

export interface DesktopShellOptions {
  core: ShellCore;
  notifier: Notifier;
  location: RendererLocation;
  preloadPath: string;
  /** The repository's resources/ folder (icons). */
  resourcesDir: string;
  profileDir: string;
  version: string;
  quitApp(): void;
  /** electron-updater's autoUpdater unless given (tests pass a fake). */
  updater?: UpdaterLike;
  /** Where shell messages go (the core's log). */
  log?: (message: string) => void;
  /** Which events a window where a person signed in receives (ipc-bridge.ts). */
  eventVisibleTo?(personId: string, event: StewardEvent): boolean;
}

/** The publisher's update-signing public key, shipped in resources/; without it no update is installed. */
export const UPDATE_PUBLISHER_KEY_FILE = 'update-publisher-key.pem';

export interface DesktopShell {
  showMainWindow(): void;
  showQuickCommand(): void;
  /** settings.notifications.enabled, kept current; the Notifier port checks it before every OS notification. */
  notificationsEnabled(): boolean;
  /** Called from before-quit: from then on closing the window really closes it. */
  markQuitting(): void;
  dispose(): void;
}

/**
 * Wires the desktop pieces around a running core: hardened session, main and quick-command
 * windows, IPC bridge, tray, global shortcut, OS notifications for events, updater.
 */
// eslint-disable-next-line max-lines-per-function -- the desktop app's a start-up sequence: each step wires what the next one needs, read top to bottom
export async function startDesktopShell(options: DesktopShellOptions): Promise<DesktopShell> {
  const { core, location, preloadPath, resourcesDir } = options;
  const log = options.log ?? ((message: string) => console.warn(`[steward] ${message}`));
  const development = location.kind === 'dev';
  hardenSession(session.defaultSession, location);
  // Before any window exists, so every web contents and session, now or later, is guarded.
  guardEveryWebContents(app, location);
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate({ platform: process.platform, development })));

  let quitting = false;
  let tray: StewardTray | null = null;
  let mainWindow: BrowserWindow | null = null;

  const showMainWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = openMainWindow();
    revealWindow(mainWindow);
  };
  const openMainWindow = (): BrowserWindow => {
    const win = createMainWindow({ location, preloadPath, iconPath: path.join(resourcesDir, 'icon.png') });
    win.on('close', (event) => {
      // With a tray the app keeps working (tasks, shortcut) after its window closes; without one, closing quits.
      if (quitting || !tray) return;
      event.preventDefault();
      win.hide();
    });
    return win;
  };
  mainWindow = openMainWindow();
  // A link to one of the app's pages (the quick window's "Open to approve") opens it in the main window.
  setAppRouteOpener((route) => {
    showMainWindow();
    if (mainWindow) void loadRenderer(mainWindow, location, route);
  });

  const quick: QuickCommandWindow = createQuickCommandWindow({ location, preloadPath, isQuitting: () => quitting });
  const bridge: IpcBridge = registerIpcBridge({
    core,
    location,
    ...(options.eventVisibleTo && { eventVisibleTo: options.eventVisibleTo }),
    onCallSucceeded: (method, sender) => {
      if (method === 'chat.send' && quick.owns(sender)) quick.messageSent();
    },
    isQuickWindow: (sender) => quick.owns(sender),
    confirmFeedChange: async (from, to) => {
      showMainWindow();
      const answer = await dialog.showMessageBox(mainWindow!, {
        type: 'warning',
        buttons: ['Keep the current source', 'Change the update source'],
        defaultId: 0,
        cancelId: 0,
        title: 'Change where updates come from?',
        message: to ? `Install future updates from ${to}?` : 'Turn off the update source?',
        detail: `Currently: ${from ?? 'none'}. Updates run with full access to your data and keys. Only continue if you made this change yourself; updates are still installed only when signed by Steward's publisher.`,
      });
      return answer.response === 1;
    },
  });

  const settings = await core.request('settings.get', {}, UI_ACTOR);
  let notificationsEnabled = settings.notifications.enabled;

  try {
    tray = await createTray({
      core,
      iconPath: path.join(resourcesDir, process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
      template: process.platform === 'darwin',
      actions: { openWindow: showMainWindow, openQuickCommand: () => quick.show(), quit: options.quitApp },
    });
  } catch (err) {
    // Some Linux desktops have no status area; the app still works from its window and shortcut.
    log(`no tray icon on this desktop: ${err instanceof Error ? err.message : String(err)}`);
  }

  const shortcut: QuickCommandShortcut = bindQuickCommandShortcut(core, settings.quickCommandShortcut, () => quick.toggle());

  // In-app notices become OS notifications when the user is not looking at Steward.
  const unsubscribe = core.events.subscribe((event) => {
    if (event.type === 'settings.changed') notificationsEnabled = event.settings.notifications.enabled;
    if (!notificationsEnabled || (mainWindow && !mainWindow.isDestroyed() && mainWindow.isFocused())) return;
    if (event.type === 'notification') {
      options.notifier.notify({ title: event.title, body: event.body, level: event.level, onClick: showMainWindow });
    } else if (event.type === 'approval.requested') {
      options.notifier.notify({ title: 'Approval needed', body: event.approval.summary, level: 'warning', onClick: showMainWindow });
    }
  });

  let updater: StewardUpdater | null = null;
  startUpdater({
    core,
    currentVersion: options.version,
    installId: readOrCreateInstallId(installIdFile(options.profileDir)),
    publisherKey: readPublisherKey(resourcesDir),
    log,
    ...(options.updater ? { updater: options.updater } : {}),
  })
    .then((u) => (updater = u))
    .catch((err: unknown) => log(`updates are off: the updater could not start (${err instanceof Error ? err.message : String(err)})`));

  return {
    showMainWindow,
    showQuickCommand: () => quick.show(),
    notificationsEnabled: () => notificationsEnabled,
    markQuitting: () => {
      quitting = true;
    },
    dispose() {
      unsubscribe();
      shortcut.dispose();
      updater?.dispose();
      tray?.dispose();
      bridge.dispose();
      setAppRouteOpener(null);
      quick.destroy();
    },
  };
}

function readPublisherKey(resourcesDir: string): string | null {
  const file = path.join(resourcesDir, UPDATE_PUBLISHER_KEY_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
