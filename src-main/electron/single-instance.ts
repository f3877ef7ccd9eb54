import { app } from 'electron';

/**
 * One Steward per user: a second launch hands over to the running instance (which brings its
 * window forward) and exits, so two processes never open the same encrypted database.
 * Returns false when another instance already holds the lock; the caller then quits.
 */
export function acquireSingleInstanceLock(onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => onSecondInstance());
  return true;
}
