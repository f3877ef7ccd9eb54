/**
 * "Try the demo": a host that can start the demo beside the running profile passes a launcher
 * to createCore as a port (the local server does: it starts `npm run demo`'s host as a child
 * process). The core never starts processes itself; where the host passes none the demo is
 * started from a terminal, and `demo.status` says so.
 */

export interface DemoLauncher {
  /** Starts the demo (or finds the one already started) and answers with its chat link. */
  start(): Promise<{ chatUrl: string }>;
}

export const DEMO_TERMINAL_HINT = 'Start the demo from a terminal in the Steward folder with `npm run demo`; it prints the link to open.';
