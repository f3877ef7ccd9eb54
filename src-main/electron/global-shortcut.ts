import { globalShortcut } from 'electron';
import type { ShellCore } from './shell-core.js';

export type ShortcutResult = { ok: true; accelerator: string } | { ok: false; accelerator: string; message: string };

export function shortcutTakenMessage(accelerator: string): string {
  return `The shortcut ${accelerator} is taken by another app; choose another in Settings.`;
}

/**
 * Registers one accelerator. The OS refusing it (another app owns it, or Electron cannot parse
 * it) is an expected outcome reported as a result, never an exception.
 */
export function registerShortcut(accelerator: string, onPress: () => void): ShortcutResult {
  try {
    if (globalShortcut.register(accelerator, onPress)) return { ok: true, accelerator };
    return { ok: false, accelerator, message: shortcutTakenMessage(accelerator) };
  } catch (err) {
    // Electron throws for accelerators it cannot parse; to the user it is the same fix.
    console.warn('[steward] global shortcut rejected', accelerator, err);
    return { ok: false, accelerator, message: `The shortcut ${accelerator} is taken by another app or not supported on this system; choose another in Settings.` };
  }
}

export interface QuickCommandShortcut {
  /** The outcome of the latest registration attempt. */
  current(): ShortcutResult;
  /** Registers `accelerator` in place of the current one; on refusal the previous one is restored. */
  apply(accelerator: string): ShortcutResult;
  dispose(): void;
}

/**
 * Keeps the quick-command shortcut in step with settings.quickCommandShortcut. A refusal is
 * surfaced as a notification event (every window and the OS notifier see it) and as a result.
 */
export function bindQuickCommandShortcut(core: ShellCore, initialAccelerator: string, onPress: () => void): QuickCommandShortcut {
  let active: string | null = null;
  /** What settings asked for last; a refused request is not retried (and re-announced) on every unrelated settings change. */
  let requested: string | null = null;
  let last: ShortcutResult;

  const announce = (result: ShortcutResult): void => {
    if (!result.ok) core.events.emit({ type: 'notification', level: 'warning', title: 'Quick command shortcut unavailable', body: result.message });
  };

  const apply = (accelerator: string): ShortcutResult => {
    requested = accelerator;
    if (active === accelerator) return (last = { ok: true, accelerator });
    const previous = active;
    if (previous) safeUnregister(previous);
    active = null;
    const result = registerShortcut(accelerator, onPress);
    if (result.ok) active = accelerator;
    else if (previous && registerShortcut(previous, onPress).ok) active = previous;
    last = result;
    announce(result);
    return result;
  };

  last = apply(initialAccelerator);
  const unsubscribe = core.events.subscribe((event) => {
    if (event.type === 'settings.changed' && event.settings.quickCommandShortcut !== requested) apply(event.settings.quickCommandShortcut);
  });

  return {
    current: () => last,
    apply,
    dispose() {
      unsubscribe();
      if (active) safeUnregister(active);
      active = null;
    },
  };
}

function safeUnregister(accelerator: string): void {
  try {
    globalShortcut.unregister(accelerator);
  } catch (err) {
    console.warn('[steward] could not unregister shortcut', accelerator, err);
  }
}
