/**
 * Electron main entry (built to out/main/index.js). Order: single-instance lock, app ready,
 * secret store, core (which opens the encrypted database), then the desktop shell. If the core
 * cannot open, the user sees why in a native dialog and the app exits — it never starts over with
 * a fresh database on its own (for an empty or damaged one it offers salvage, or a new profile
 * with the old file set aside, after confirmation).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, databaseKeyAccount } from './core/app.js';
import type { Core, CoreConfig } from './core/core-types.js';
import { StewardError } from './core/errors.js';
import { defaultDataDir, resolvePaths } from './core/paths.js';
import type { SecretStore } from './core/ports.js';
import { createKeytarSecretStore } from './core/security/keytar-secret-store.js';
import { appIsPackaged, appVersion, onActivate, onBeforeQuit, quitApp, runBeforeExit, setAppIdentity, whenAppReady } from './electron/app-lifecycle.js';
import type { DesktopShell } from './electron/desktop-shell.js';
import { startDesktopShell } from './electron/desktop-shell.js';
import { conversationOwners } from './core/people/conversation-owners.js';
import { personEventVisible } from './core/people/person-events.js';
import { offerDatabaseRecovery, RECOVERABLE_CODES } from './electron/database-recovery-dialog.js';
import { createElectronHostFiles } from './electron/host-files.js';
import { showFatalErrorAndExit } from './electron/fatal-error.js';
import { createElectronNotifier } from './electron/notifier.js';
import { resolveRendererLocation } from './electron/renderer-location.js';
import { createSafeStorageSecretStore } from './electron/safe-storage-secret-store.js';
import { chooseSecretBackend } from './electron/secret-backend.js';
import { preloadPathFrom, resourcesDirFrom } from './electron/shell-files.js';
import { acquireSingleInstanceLock } from './electron/single-instance.js';
import { createUtilityProcessLauncher } from './electron/utility-process-launcher.js';

const mainDir = path.dirname(fileURLToPath(import.meta.url));

function createSecretStore(profileDir: string): SecretStore {
  return chooseSecretBackend(process.env) === 'safe-storage' ? createSafeStorageSecretStore(profileDir) : createKeytarSecretStore();
}

async function main(): Promise<void> {
  let shell: DesktopShell | null = null;
  if (!acquireSingleInstanceLock(() => shell?.showMainWindow())) {
    // Another Steward is running; it has been asked to show its window.
    quitApp();
    return;
  }
  setAppIdentity();
  await whenAppReady();

  const config: CoreConfig = {
    host: 'electron',
    profile: process.env.STEWARD_PROFILE ?? 'default',
    version: appVersion(),
    providerSpec: process.env.STEWARD_PROVIDER || undefined,
  };
  const resourcesDir = resourcesDirFrom(mainDir);
  const notifier = createElectronNotifier({
    openApp: () => shell?.showMainWindow(),
    isEnabled: () => shell?.notificationsEnabled() ?? true,
    iconPath: path.join(resourcesDir, 'icon.png'),
  });

  let core: Core;
  // createCore validates the profile name before any secret is read or written under this path.
  const paths = resolvePaths(defaultDataDir(), config.profile);
  const secrets = createSecretStore(paths.profileDir);
  const open = () => createCore(config, { secrets, notifier, hostFiles: createElectronHostFiles(), inferenceLauncher: createUtilityProcessLauncher(path.join(mainDir, 'llm-worker.js')) });
  try {
    core = await open();
  } catch (err) {
    // An empty or damaged database: say what was found and offer the ways out, never start over silently.
    const recoverable = err instanceof StewardError && RECOVERABLE_CODES.has(err.code);
    if (!recoverable || (await offerDatabaseRecovery(err, { databasePath: paths.databasePath, secrets, keyAccount: databaseKeyAccount(config.profile) })) !== 'retry') {
      if (recoverable) quitApp();
      else showFatalErrorAndExit(err);
      return;
    }
    try {
      core = await open();
    } catch (again) {
      showFatalErrorAndExit(again);
      return;
    }
  }

  const windowEventOwners = conversationOwners(core.db.raw);
  const started = await startDesktopShell({
    core,
    notifier,
    location: resolveRendererLocation({ mainDir, devServerUrl: process.env.ELECTRON_RENDERER_URL, isPackaged: appIsPackaged() }),
    preloadPath: preloadPathFrom(mainDir),
    resourcesDir,
    profileDir: core.paths.profileDir,
    version: config.version,
    quitApp,
    log: (message) => core.log.warn(message),
    // Switch profile: a window where a person signed in gets only their own conversations' events.
    eventVisibleTo: (personId, event) => personEventVisible(core, personId, event, windowEventOwners),
  });
  shell = started;
  onBeforeQuit(() => started.markQuitting());
  onActivate(() => started.showMainWindow());
  runBeforeExit(async () => {
    started.dispose();
    await core.close();
  });
}

main().catch((err: unknown) => showFatalErrorAndExit(err));
