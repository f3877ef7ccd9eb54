import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { toErrorPayload } from '../core/errors.js';
import { UI_ACTOR, type ShellCore } from './shell-core.js';

export interface TrayActions {
  openWindow(): void;
  openQuickCommand(): void;
  quit(): void;
}

export interface TrayState {
  paused: boolean;
  /** Shown next to "Quick command" so users learn the shortcut. */
  quickCommandShortcut: string | null;
}

/**
 * The tray menu as data, so its items and actions are testable without a tray. "Pause agent"
 * goes through the same settings request as the Settings page, so it is validated and audited.
 */
export function trayMenuTemplate(state: TrayState, actions: TrayActions, setPaused: (paused: boolean) => void): MenuItemConstructorOptions[] {
  return [
    { id: 'open', label: 'Open Steward', click: () => actions.openWindow() },
    {
      id: 'quick-command',
      label: 'Quick command',
      ...(state.quickCommandShortcut ? { accelerator: state.quickCommandShortcut, registerAccelerator: false } : {}),
      click: () => actions.openQuickCommand(),
    },
    { type: 'separator' },
    { id: 'pause-agent', label: 'Pause agent', type: 'checkbox', checked: state.paused, click: (item) => setPaused(item.checked) },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Steward', click: () => actions.quit() },
  ];
}

export interface StewardTray {
  readonly tray: Tray;
  /** Current menu state (kept in step with settings). */
  state(): TrayState;
  dispose(): void;
}

export interface CreateTrayOptions {
  core: ShellCore;
  /** Path of the tray image; its @2x sibling is picked up automatically on HiDPI screens. */
  iconPath: string;
  /** macOS draws template images in the menu bar's own colour. */
  template?: boolean;
  actions: TrayActions;
}

export async function createTray(options: CreateTrayOptions): Promise<StewardTray> {
  const { core, actions } = options;
  const image = nativeImage.createFromPath(options.iconPath);
  if (options.template) image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.setToolTip('Steward');

  const settings = await core.request('settings.get', {}, UI_ACTOR);
  let state: TrayState = { paused: settings.agent.paused, quickCommandShortcut: settings.quickCommandShortcut };

  const setPaused = (paused: boolean): void => {
    core.request('settings.update', { patch: { agent: { paused } } }, UI_ACTOR).catch((err: unknown) => {
      const { message } = toErrorPayload(err);
      core.events.emit({ type: 'notification', level: 'error', title: paused ? 'Could not pause the agent' : 'Could not resume the agent', body: message });
      render(); // put the checkbox back to the saved state
    });
  };
  const render = (): void => tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(state, actions, setPaused)));
  render();

  const unsubscribe = core.events.subscribe((event) => {
    if (event.type !== 'settings.changed') return;
    state = { paused: event.settings.agent.paused, quickCommandShortcut: event.settings.quickCommandShortcut };
    render();
  });
  // Windows and Linux users expect a left click on the tray icon to open the app.
  tray.on('click', () => actions.openWindow());

  return {
    tray,
    state: () => ({ ...state }),
    dispose() {
      unsubscribe();
      tray.destroy();
    },
  };
}
