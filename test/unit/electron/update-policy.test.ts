import { describe, expect, it } from 'vitest';
import { compareSemver, decideUpdate, parseSemver, rolloutBucketOf, type UpdatePreferences } from '../../../src-main/electron/update-policy.js';

const stable: UpdatePreferences = { channel: 'stable', autoDownload: true, rolloutBucket: 42 };
const v = (s: string) => {
  const parsed = parseSemver(s);
  if (!parsed) throw new Error(`bad version ${s}`);
  return parsed;
};

describe('semver precedence', () => {
  it('orders versions as semver 2.0 says, pre-releases included', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.1.0', '2.0.0'];
    for (let i = 0; i + 1 < ordered.length; i++) {
      expect(compareSemver(v(ordered[i] ?? ''), v(ordered[i + 1] ?? '')), `${ordered[i]} < ${ordered[i + 1]}`).toBeLessThan(0);
      expect(compareSemver(v(ordered[i + 1] ?? ''), v(ordered[i] ?? ''))).toBeGreaterThan(0);
    }
    expect(compareSemver(v('v1.2.3+build.7'), v('1.2.3'))).toBe(0);
    expect(compareSemver(v('1.10.0'), v('1.9.0'))).toBeGreaterThan(0);
  });

  it('rejects what is not a version', () => {
    for (const bad of ['', '1.2', '01.2.3', '1.2.3-', 'latest', '1.2.3.4']) expect(parseSemver(bad)).toBeNull();
  });
});

describe('update decisions', () => {
  it('downloads a newer stable release when automatic downloads are on', () => {
    expect(decideUpdate({ currentVersion: '1.2.0', offeredVersion: '1.3.0', phase: 'available' }, stable).action).toBe('download');
  });

  it('only announces it when automatic downloads are off', () => {
    const d = decideUpdate({ currentVersion: '1.2.0', offeredVersion: '1.3.0', phase: 'available' }, { ...stable, autoDownload: false });
    expect(d.action).toBe('notify');
    expect(d.reason).toContain('1.3.0');
  });

  it('installs on quit once downloaded', () => {
    expect(decideUpdate({ currentVersion: '1.2.0', offeredVersion: '1.3.0', phase: 'downloaded' }, stable).action).toBe('install-on-quit');
  });

  it('never downgrades and ignores the same version', () => {
    expect(decideUpdate({ currentVersion: '1.3.0', offeredVersion: '1.2.9', phase: 'available' }, stable)).toMatchObject({ action: 'ignore', reason: expect.stringContaining('never installed') });
    expect(decideUpdate({ currentVersion: '1.3.0', offeredVersion: '1.3.0', phase: 'downloaded' }, stable).action).toBe('ignore');
    // A beta user must not be "updated" back to an older stable release.
    expect(decideUpdate({ currentVersion: '2.0.0-beta.3', offeredVersion: '1.9.0', phase: 'available' }, stable).action).toBe('ignore');
  });

  it('pre-releases only on the beta channel', () => {
    const offer = { currentVersion: '1.2.0', offeredVersion: '1.3.0-beta.1', phase: 'available' as const };
    expect(decideUpdate(offer, stable)).toMatchObject({ action: 'ignore', reason: expect.stringContaining('beta') });
    expect(decideUpdate(offer, { ...stable, channel: 'beta' }).action).toBe('download');
    expect(decideUpdate({ currentVersion: '1.3.0-beta.1', offeredVersion: '1.3.0-beta.2', phase: 'available' }, { ...stable, channel: 'beta' }).action).toBe('download');
    // The final release of a beta the user runs is an upgrade on either channel.
    expect(decideUpdate({ currentVersion: '1.3.0-rc.1', offeredVersion: '1.3.0', phase: 'available' }, stable).action).toBe('download');
  });

  it('respects a staged rollout by a stable per-install bucket', () => {
    const offer = { currentVersion: '1.2.0', offeredVersion: '1.3.0', phase: 'available' as const, stagingPercentage: 25 };
    expect(decideUpdate(offer, { ...stable, rolloutBucket: 24 }).action).toBe('download');
    expect(decideUpdate(offer, { ...stable, rolloutBucket: 25 })).toMatchObject({ action: 'ignore', reason: expect.stringContaining('25%') });
    expect(decideUpdate({ ...offer, stagingPercentage: 0 }, { ...stable, rolloutBucket: 0 }).action).toBe('ignore');
    expect(decideUpdate({ ...offer, stagingPercentage: 100 }, { ...stable, rolloutBucket: 99 }).action).toBe('download');
  });

  it('rollout buckets are stable per install and spread across 0–99', () => {
    expect(rolloutBucketOf('install-a')).toBe(rolloutBucketOf('install-a'));
    const buckets = new Set(Array.from({ length: 500 }, (_, i) => rolloutBucketOf(`install-${i}`)));
    for (const b of buckets) expect(b >= 0 && b < 100).toBe(true);
    expect(buckets.size).toBeGreaterThan(80);
  });

  it('ignores versions that are not semver, saying which', () => {
    expect(decideUpdate({ currentVersion: '1.2.0', offeredVersion: 'latest', phase: 'available' }, stable)).toMatchObject({ action: 'ignore', reason: expect.stringContaining('"latest"') });
  });
});
