import { app, dialog } from 'electron';
import { StewardError } from '../core/errors.js';

/** What the start-up failure dialog says: the StewardError's own user message, never internals. */
export function fatalErrorText(err: unknown): { title: string; message: string } {
  if (err instanceof StewardError) return { title: 'Steward cannot start', message: err.userMessage };
  return {
    title: 'Steward cannot start',
    message: 'Steward hit an unexpected problem while starting. Nothing was changed. Please restart it; if this keeps happening, report it with the log from the terminal.',
  };
}

/**
 * Shows a native error box and exits. Used when the core cannot open (keychain unavailable,
 * wrong key, damaged database): the app must stop rather than start over with an empty database.
 */
export function showFatalErrorAndExit(err: unknown): void {
  console.error('[steward] start-up failed', err);
  const { title, message } = fatalErrorText(err);
  dialog.showErrorBox(title, message);
  app.exit(1);
}
