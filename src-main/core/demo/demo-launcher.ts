/**
 * "Try the demo": a host that can start the demo beside the running profile provides a launcher
 * for its core (the local server does: it starts `npm run demo`'s host as a child process). The
 * core never starts processes itself; where no launcher is provided the demo is started from a
 * terminal, and `demo.status` says so.
 */
import type { Core } from '../core-types.js';

export interface DemoLauncher {
  /** Starts the demo (or finds the one already started) and answers with its chat link. */
  start(): Promise<{ chatUrl: string }>;
}

export const DEMO_TERMINAL_HINT = 'Start the demo from a terminal in the Steward folder with `npm run demo`; it prints the link to open.';

const launchers = new WeakMap<Core, DemoLauncher>();

export function provideDemoLauncher(core: Core, launcher: DemoLauncher): void {
  launchers.set(core, launcher);
}

export function demoLauncherFor(core: Core): DemoLauncher | null {
  return launchers.get(core) ?? null;
}
