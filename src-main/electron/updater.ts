import type { AppUpdater, UpdateInfo } from 'electron-updater';
import type { Settings } from '../../src-preload/contract.js';
import { decideUpdate, rolloutBucketOf, type UpdateDecision, type UpdatePhase } from './update-policy.js';
import { UI_ACTOR, type ShellCore } from './shell-core.js';
import { verifyUpdateSignature, type SignedUpdateInfo } from './update-signature.js';

/** The slice of electron-updater's AppUpdater this module drives (a fake implements it in tests). */
export type UpdaterLike = Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'downloadUpdate' | 'on'> & {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
};

export interface UpdaterOptions {
  core: ShellCore;
  currentVersion: string;
  installId: string;
  /** Defaults to electron-updater's autoUpdater, loaded on first use. */
  updater?: UpdaterLike;
  /** How often to check while running. */
  checkIntervalMs?: number;
  /** The publisher's Ed25519 public key (PEM) updates must be signed with; null refuses every update. */
  publisherKey: string | null;
  /** Where refusals and failures are written (the app's log). */
  log?: (message: string) => void;
}

export interface StewardUpdater {
  /** Checks the feed now; resolves to the decision taken, or null when no feed is configured or nothing was offered. */
  checkNow(): Promise<UpdateDecision | null>;
  dispose(): void;
}

const SIX_HOURS = 6 * 60 * 60 * 1000;

async function loadAutoUpdater(): Promise<UpdaterLike> {
  // electron-updater is CommonJS; its ESM namespace exposes module.exports as `default`.
  const mod = (await import('electron-updater')) as unknown as { default?: { autoUpdater: AppUpdater }; autoUpdater?: AppUpdater };
  const updater = mod.default?.autoUpdater ?? mod.autoUpdater;
  if (!updater) throw new Error('electron-updater did not provide autoUpdater');
  return updater;
}

/**
 * electron-updater fetches and installs from a generic feed (settings.updates.feedUrl); whether
 * an offered version is ignored, announced, downloaded or installed on quit is decided by
 * update-policy.ts. Outcomes reach the user as notification events.
 */
// eslint-disable-next-line max-lines-per-function -- the updater's events wired in one place; a start-up sequence: each step wires what the next one needs, read top to bottom
export async function startUpdater(options: UpdaterOptions): Promise<StewardUpdater> {
  const { core } = options;
  const updater = options.updater ?? (await loadAutoUpdater());
  const rolloutBucket = rolloutBucketOf(options.installId);
  let settings = (await core.request('settings.get', {}, UI_ACTOR)).updates;
  let lastError: string | null = null;

  const log = options.log ?? (() => undefined);
  // We decide; electron-updater must not download on its own or cross versions we refuse, and
  // nothing is installed on quit until a downloaded update's publisher signature has verified.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;

  /** Refuses (and says so, once per version) an update not signed by the configured publisher. */
  const refusedUnsigned = new Set<string>();
  const signedByPublisher = (info: UpdateInfo): boolean => {
    const check = verifyUpdateSignature(info as unknown as SignedUpdateInfo, options.publisherKey);
    if (check.ok) return true;
    log(`update ${info.version} refused: ${check.reason}`);
    if (!refusedUnsigned.has(info.version)) {
      refusedUnsigned.add(info.version);
      notify('warning', 'Update refused', `Steward ${info.version} was not installed: ${check.reason}. Nothing was downloaded or changed.`);
    }
    return false;
  };

  const notify = (level: 'info' | 'success' | 'warning' | 'error', title: string, body: string) =>
    core.events.emit({ type: 'notification', level, title, body });

  const decide = (info: UpdateInfo, phase: UpdatePhase): UpdateDecision =>
    decideUpdate(
      { currentVersion: options.currentVersion, offeredVersion: info.version, stagingPercentage: info.stagingPercentage, phase },
      { channel: settings.channel, autoDownload: settings.autoDownload, rolloutBucket },
    );

  /** "action version" pairs already told to the user: a check every six hours must not repeat the same notice. */
  const announced = new Set<string>();
  const announceOnce = (version: string, decision: UpdateDecision, level: 'info' | 'success', title: string): void => {
    const key = `${decision.action} ${version}`;
    if (announced.has(key)) return;
    announced.add(key);
    notify(level, title, decision.reason);
  };

  const act = (version: string, decision: UpdateDecision): void => {
    switch (decision.action) {
      case 'ignore':
        log(`update ignored: ${decision.reason}`);
        return;
      case 'notify':
        announceOnce(version, decision, 'info', 'Update available');
        return;
      case 'download':
        updater.downloadUpdate().catch((err: unknown) => reportError(err));
        return;
      case 'install-on-quit':
        updater.autoInstallOnAppQuit = true;
        announceOnce(version, decision, 'success', 'Update ready');
        return;
    }
  };

  const reportError = (err: unknown): void => {
    const message = err instanceof Error ? err.message : String(err);
    log(`update check failed: ${message}`);
    // Offline machines fail every check; say it once, not every six hours.
    if (message === lastError) return;
    lastError = message;
    notify('warning', 'Could not check for updates', `Steward could not reach the update feed (${message}). It will try again later; check the feed URL in Settings if this persists.`);
  };

  let lastAvailable: UpdateDecision | null = null;
  updater.on('update-available', (info: UpdateInfo) => {
    lastError = null;
    if (!signedByPublisher(info)) {
      lastAvailable = { action: 'ignore', reason: `Steward ${info.version} is not signed by the publisher.` };
      return;
    }
    lastAvailable = decide(info, 'available');
    act(info.version, lastAvailable);
  });
  updater.on('update-downloaded', (info: UpdateInfo) => {
    // Checked again: what was downloaded is what gets installed.
    if (!signedByPublisher(info)) {
      updater.autoInstallOnAppQuit = false;
      return;
    }
    act(info.version, decide(info, 'downloaded'));
  });
  updater.on('error', (err: Error) => reportError(err));

  const configure = (): boolean => {
    if (!settings.feedUrl) return false;
    // Settings validation already requires https; this keeps a feed from any other path out too.
    if (!settings.feedUrl.startsWith('https://')) {
      reportError(new Error(`the update feed must be an https:// address (got ${settings.feedUrl.split(':')[0]}:)`));
      return false;
    }
    updater.allowPrerelease = settings.channel === 'beta';
    updater.setFeedURL({ provider: 'generic', url: settings.feedUrl, channel: settings.channel === 'beta' ? 'beta' : 'latest' });
    return true;
  };

  const checkNow = async (): Promise<UpdateDecision | null> => {
    if (!configure()) return null;
    lastAvailable = null;
    try {
      await updater.checkForUpdates();
    } catch (err) {
      reportError(err);
      return null;
    }
    return lastAvailable;
  };

  const unsubscribe = core.events.subscribe((event) => {
    if (event.type !== 'settings.changed') return;
    const next: Settings['updates'] = event.settings.updates;
    const changed = next.feedUrl !== settings.feedUrl || next.channel !== settings.channel || next.autoDownload !== settings.autoDownload;
    settings = next;
    if (changed) void checkNow();
  });
  const timer = setInterval(() => void checkNow(), options.checkIntervalMs ?? SIX_HOURS);
  timer.unref();
  void checkNow();

  return {
    checkNow,
    dispose() {
      unsubscribe();
      clearInterval(timer);
    },
  };
}
