import path from 'node:path';
import { session, type BrowserWindow } from 'electron';
import type { Notifier } from '../core/ports.js';
import { bindQuickCommandShortcut, type QuickCommandShortcut } from './global-shortcut.js';
import { installIdFile } from './shell-files.js';
import { readOrCreateInstallId } from './install-id.js';
import { registerIpcBridge, type IpcBridge } from './ipc-bridge.js';
import { createMainWindow, revealWindow } from './main-window.js';
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
}

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
export async function startDesktopShell(options: DesktopShellOptions): Promise<DesktopShell> {
  const { core, location, preloadPath, resourcesDir } = options;
  hardenSession(session.defaultSession, location);

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

  const quick: QuickCommandWindow = createQuickCommandWindow({ location, preloadPath, isQuitting: () => quitting });
  const bridge: IpcBridge = registerIpcBridge({
    core,
    location,
    onCallSucceeded: (method, sender) => {
      if (method === 'chat.send' && quick.owns(sender)) quick.messageSent();
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
    console.warn('[steward] no tray icon on this desktop', err);
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
    ...(options.updater ? { updater: options.updater } : {}),
  })
    .then((u) => (updater = u))
    .catch((err: unknown) => console.warn('[steward] updates are off: the updater could not start', err));

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
      quick.destroy();
    },
  };
}
