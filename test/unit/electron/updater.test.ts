import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createFakeCore } from './fake-core.js';
import { startUpdater, type UpdaterLike } from '../../../src-main/electron/updater.js';
import type { StewardEvent } from '../../../src-preload/contract.js';

/** Stands in for electron-updater's autoUpdater: a check emits whatever the "feed" offers. */
class FakeUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  allowPrerelease = false;
  allowDowngrade = true;
  feed: unknown = null;
  offer: { version: string; stagingPercentage?: number } | null = null;
  failWith: Error | null = null;
  downloads = 0;
  setFeedURL(options: unknown): void {
    this.feed = options;
  }
  async checkForUpdates(): Promise<null> {
    if (this.failWith) {
      this.emit('error', this.failWith);
      throw this.failWith;
    }
    if (this.offer) this.emit('update-available', this.offer);
    return null;
  }
  async downloadUpdate(): Promise<string[]> {
    this.downloads++;
    if (this.offer) this.emit('update-downloaded', this.offer);
    return [];
  }
}

const setup = async (settings: Record<string, unknown>, offer: FakeUpdater['offer']) => {
  const core = createFakeCore({ updates: settings });
  const fake = new FakeUpdater();
  fake.offer = offer;
  const notices: StewardEvent[] = [];
  core.events.subscribe((e) => {
    if (e.type === 'notification') notices.push(e);
  });
  const updater = await startUpdater({ core, currentVersion: '1.2.0', installId: 'test-install', updater: fake as unknown as UpdaterLike, checkIntervalMs: 1e9 });
  return { core, fake, notices, updater };
};

describe('updater wiring', () => {
  it('does nothing without a feed URL', async () => {
    const { fake, updater } = await setup({}, { version: '9.0.0' });
    expect(await updater.checkNow()).toBeNull();
    expect(fake.feed).toBeNull();
    updater.dispose();
  });

  it('points electron-updater at the generic feed, keeps the download decision for itself, and downloads a newer release', async () => {
    const { fake, notices, updater } = await setup({ feedUrl: 'https://updates.example.com/steward' }, { version: '1.3.0' });
    const decision = await updater.checkNow();
    expect(fake.feed).toEqual({ provider: 'generic', url: 'https://updates.example.com/steward', channel: 'latest' });
    expect(fake.autoDownload).toBe(false);
    expect(fake.allowDowngrade).toBe(false);
    expect(decision?.action).toBe('download');
    expect(fake.downloads).toBeGreaterThan(0);
    expect(notices.at(-1)).toMatchObject({ level: 'success', title: 'Update ready' });
    updater.dispose();
  });

  it('with automatic downloads off it only tells the user, once per version', async () => {
    const { fake, notices, updater } = await setup({ feedUrl: 'https://updates.example.com/steward', autoDownload: false }, { version: '1.3.0' });
    await updater.checkNow();
    await updater.checkNow();
    expect(fake.downloads).toBe(0);
    expect(notices.filter((n) => n.type === 'notification' && n.title === 'Update available')).toHaveLength(1);
    updater.dispose();
  });

  it('beta channel reads the beta feed and accepts pre-releases; a feed error becomes one warning', async () => {
    const { fake, notices, updater } = await setup({ feedUrl: 'https://updates.example.com/steward', channel: 'beta' }, { version: '1.3.0-beta.1' });
    expect((await updater.checkNow())?.action).toBe('download');
    expect(fake.feed).toMatchObject({ channel: 'beta' });
    expect(fake.allowPrerelease).toBe(true);
    fake.failWith = new Error('net::ERR_INTERNET_DISCONNECTED');
    await updater.checkNow();
    await updater.checkNow();
    const warnings = notices.filter((n) => n.type === 'notification' && n.level === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ title: 'Could not check for updates' });
    updater.dispose();
  });
});
