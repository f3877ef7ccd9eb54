/**
 * Update decisions, kept free of electron and electron-updater so they can be tested directly.
 * electron-updater only fetches and installs; whether an offered version is taken, announced or
 * ignored is decided here, deterministically, from the versions, the channel and the settings.
 */
import { createHash } from 'node:crypto';

export type UpdateChannel = 'stable' | 'beta';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  /** Dot-separated pre-release identifiers, e.g. ['beta', '2']; empty for a release. */
  prerelease: string[];
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** Parses a semantic version (a leading "v" and build metadata are accepted); null when it is not one. */
export function parseSemver(text: string): SemVer | null {
  const m = SEMVER.exec(text.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] ? m[4].split('.') : [] };
}

const NUMERIC = /^\d+$/;

/** Semver 2.0 §11 precedence of two pre-release identifiers. */
function compareIdentifiers(a: string, b: string): number {
  const aNum = NUMERIC.test(a);
  const bNum = NUMERIC.test(b);
  if (aNum && bNum) return Math.sign(Number(a) - Number(b));
  if (aNum) return -1; // numeric identifiers have lower precedence than alphanumeric ones
  if (bNum) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Semver precedence: negative when a < b, 0 when equal (build metadata ignored), positive when a > b. */
export function compareSemver(a: SemVer, b: SemVer): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return Math.sign(a[key] - b[key]);
  }
  // A release outranks any of its pre-releases: 1.0.0-beta.1 < 1.0.0.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return Math.sign(b.prerelease.length - a.prerelease.length);
  const n = Math.max(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < n; i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1; // fewer identifiers = lower precedence
    if (y === undefined) return 1;
    const c = compareIdentifiers(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * A stable number in [0, 100) for this install, derived from a persisted random id, so a staged
 * rollout of N% reaches the same installs on every check instead of a fresh coin toss each time.
 */
export function rolloutBucketOf(installId: string): number {
  return createHash('sha256').update(installId).digest().readUInt32BE(0) % 100;
}

export type UpdatePhase = 'available' | 'downloaded';

export interface UpdateOffer {
  /** The running app's version. */
  currentVersion: string;
  /** The version the feed offers. */
  offeredVersion: string;
  /** Percentage (0–100) of installs the feed offers this version to; absent = everyone. */
  stagingPercentage?: number;
  phase: UpdatePhase;
}

export interface UpdatePreferences {
  channel: UpdateChannel;
  autoDownload: boolean;
  /** From rolloutBucketOf(installId). */
  rolloutBucket: number;
}

export type UpdateAction = 'ignore' | 'notify' | 'download' | 'install-on-quit';

export interface UpdateDecision {
  action: UpdateAction;
  /** Why, in words fit for a log line or a notification. */
  reason: string;
}

export function decideUpdate(offer: UpdateOffer, prefs: UpdatePreferences): UpdateDecision {
  const current = parseSemver(offer.currentVersion);
  const offered = parseSemver(offer.offeredVersion);
  if (!current) return { action: 'ignore', reason: `The running version "${offer.currentVersion}" is not a semantic version, so updates cannot be compared.` };
  if (!offered) return { action: 'ignore', reason: `The update feed offered "${offer.offeredVersion}", which is not a semantic version.` };

  const order = compareSemver(offered, current);
  if (order === 0) return { action: 'ignore', reason: `Steward ${offer.currentVersion} is up to date.` };
  // Never downgrade, whatever the feed says (a compromised or stale feed must not roll a user back).
  if (order < 0) return { action: 'ignore', reason: `The feed offered ${offer.offeredVersion}, older than the running ${offer.currentVersion}; downgrades are never installed.` };

  if (offered.prerelease.length > 0 && prefs.channel !== 'beta') {
    return { action: 'ignore', reason: `${offer.offeredVersion} is a pre-release; switch the update channel to beta in Settings to receive it.` };
  }

  const pct = offer.stagingPercentage;
  if (pct !== undefined && Number.isFinite(pct) && pct < 100) {
    const share = Math.max(0, pct);
    if (prefs.rolloutBucket >= share) {
      return { action: 'ignore', reason: `${offer.offeredVersion} is being rolled out to ${share}% of installs; this one is not included yet.` };
    }
  }

  if (offer.phase === 'downloaded') return { action: 'install-on-quit', reason: `Steward ${offer.offeredVersion} is downloaded and will be installed when you quit.` };
  if (prefs.autoDownload) return { action: 'download', reason: `Downloading Steward ${offer.offeredVersion}.` };
  return { action: 'notify', reason: `Steward ${offer.offeredVersion} is available. Turn on automatic update downloads in Settings to install it.` };
}
