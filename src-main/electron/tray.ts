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
  /** The next scheduled runs, soonest first ("Weekly report — Mon 09:00"). */
  nextRuns?: { title: string; when: string }[];
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
    ...(state.nextRuns?.length
      ? [
          { id: 'next-runs', label: 'Next scheduled runs', enabled: false },
          ...state.nextRuns.map((run, i): MenuItemConstructorOptions => ({ id: `next-run-${i}`, label: `${run.title} — ${run.when}`, enabled: false })),
          { type: 'separator' as const },
        ]
      : []),
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
    if (event.type === 'task.updated') void refreshRuns();
    if (event.type !== 'settings.changed') return;
    state = { ...state, paused: event.settings.agent.paused, quickCommandShortcut: event.settings.quickCommandShortcut };
    render();
  });
  // Schedules change from the Schedules view, the chat and their own runs: re-read them every minute and after each task.
  const refreshRuns = async (): Promise<void> => {
    const listed = await core.request('schedules.list', {}, UI_ACTOR).catch(() => null);
    const nextRuns = (Array.isArray(listed) ? listed : [])
      .filter((s) => !s.paused && s.nextRunAt)
      .sort((a, b) => a.nextRunAt!.localeCompare(b.nextRunAt!))
      .slice(0, 3)
      .map((s) => ({ title: s.title, when: new Date(s.nextRunAt!).toLocaleString(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) }));
    if (JSON.stringify(nextRuns) === JSON.stringify(state.nextRuns ?? [])) return;
    state = { ...state, nextRuns };
    render();
  };
  void refreshRuns();
  const runsTimer = setInterval(() => void refreshRuns(), 60_000);
  runsTimer.unref();
  // Windows and Linux users expect a left click on the tray icon to open the app.
  tray.on('click', () => actions.openWindow());

  return {
    tray,
    state: () => ({ ...state }),
    dispose() {
      unsubscribe();
      clearInterval(runsTimer);
      tray.destroy();
    },
  };
}
