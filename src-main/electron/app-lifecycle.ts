import { app } from 'electron';

/** Thin wrappers over `app`, so src-main/index.ts orchestrates start-up without importing electron itself. */
export const appVersion = (): string => app.getVersion();
export const appIsPackaged = (): boolean => app.isPackaged;
export const whenAppReady = async (): Promise<void> => {
  await app.whenReady();
};

/** Windows groups notifications and taskbar entries by this id; it must match the installer's appId. */
export const APP_USER_MODEL_ID = 'app.steward.desktop';

export function setAppIdentity(): void {
  app.setName('Steward');
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
}

export function quitApp(): void {
  app.quit();
}

/**
 * Runs `cleanup` (close the database, release shortcuts) once before the process exits: the
 * first will-quit is held until cleanup settles, then quitting resumes.
 */
export function runBeforeExit(cleanup: () => Promise<void>): void {
  let done = false;
  app.on('will-quit', (event) => {
    if (done) return;
    event.preventDefault();
    cleanup()
      .catch((err: unknown) => console.error('[steward] shutdown cleanup failed', err))
      .finally(() => {
        done = true;
        app.quit();
      });
  });
}

export function onBeforeQuit(listener: () => void): void {
  app.on('before-quit', listener);
}

/** macOS: clicking the dock icon with no visible window should bring the app back. */
export function onActivate(listener: () => void): void {
  app.on('activate', listener);
}
