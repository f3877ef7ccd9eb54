import { generateKeyPairSync, sign } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createFakeCore } from './fake-core.js';
import { startUpdater, type UpdaterLike } from '../../../src-main/electron/updater.js';
import type { StewardEvent } from '../../../src-preload/contract.js';
import { updateSigningPayload } from '../../../src-main/electron/update-signature.js';

/** The publisher's key pair (the app ships the public half) and a stranger's. */
const publisher = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const PUBLISHER_KEY = publisher.publicKey.export({ type: 'spki', format: 'pem' }).toString();

type Offer = { version: string; stagingPercentage?: number; files?: { url: string; sha512: string; size?: number }[]; stewardSignature?: string };
/** latest.yml as release tooling writes it: files with checksums, signed by `by`. */
function signedOffer(version: string, by: typeof publisher | null = publisher, extra: Partial<Offer> = {}): Offer {
  const offer: Offer = { version, files: [{ url: `Steward-${version}.AppImage`, sha512: `sha512-of-${version}`, size: 100 }], ...extra };
  if (by) offer.stewardSignature = sign(null, Buffer.from(updateSigningPayload(offer)), by.privateKey).toString('base64');
  return offer;
}

/** Stands in for electron-updater's autoUpdater: a check emits whatever the "feed" offers. */
class FakeUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  allowPrerelease = false;
  allowDowngrade = true;
  feed: unknown = null;
  offer: Offer | null = null;
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

const setup = async (settings: Record<string, unknown>, offer: FakeUpdater['offer'], publisherKey: string | null = PUBLISHER_KEY) => {
  const core = createFakeCore({ updates: settings });
  const fake = new FakeUpdater();
  fake.offer = offer;
  const notices: StewardEvent[] = [];
  core.events.subscribe((e) => {
    if (e.type === 'notification') notices.push(e);
  });
  const updater = await startUpdater({ core, currentVersion: '1.2.0', installId: 'test-install', updater: fake as unknown as UpdaterLike, checkIntervalMs: 1e9, publisherKey });
  return { core, fake, notices, updater };
};

describe('updater wiring', () => {
  it('does nothing without a feed URL', async () => {
    const { fake, updater } = await setup({}, signedOffer('9.0.0'));
    expect(await updater.checkNow()).toBeNull();
    expect(fake.feed).toBeNull();
    updater.dispose();
  });

  it('points electron-updater at the generic feed, keeps the download decision for itself, and downloads a newer release', async () => {
    const { fake, notices, updater } = await setup({ feedUrl: 'https://updates.example.com/steward' }, signedOffer('1.3.0'));
    const decision = await updater.checkNow();
    expect(fake.feed).toEqual({ provider: 'generic', url: 'https://updates.example.com/steward', channel: 'latest' });
    expect(fake.autoDownload).toBe(false);
    expect(fake.allowDowngrade).toBe(false);
    expect(decision?.action).toBe('download');
    expect(fake.downloads).toBeGreaterThan(0);
    expect(notices.at(-1)).toMatchObject({ level: 'success', title: 'Update ready' });
    expect(fake.autoInstallOnAppQuit).toBe(true); // only now, after the signed download
    updater.dispose();
  });

  it('refuses an unsigned update: nothing is downloaded or installed, and the user is told why once', async () => {
    const { fake, notices, updater } = await setup({ feedUrl: 'https://updates.example.com/steward' }, signedOffer('1.3.0', null));
    expect((await updater.checkNow())?.action).toBe('ignore');
    await updater.checkNow();
    expect(fake.downloads).toBe(0);
    expect(fake.autoInstallOnAppQuit).toBe(false);
    const refusals = notices.filter((n) => n.type === 'notification' && n.title === 'Update refused');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ level: 'warning', body: expect.stringContaining('not signed by the publisher') });
    updater.dispose();
  });

  it('refuses an update signed by someone else, or whose files changed after signing', async () => {
    const forged = await setup({ feedUrl: 'https://updates.example.com/steward' }, signedOffer('1.3.0', stranger));
    expect((await forged.updater.checkNow())?.action).toBe('ignore');
    expect(forged.fake.downloads).toBe(0);
    expect(forged.notices.at(-1)).toMatchObject({ title: 'Update refused', body: expect.stringContaining('not by this app’s publisher') });
    forged.updater.dispose();

    const genuine = signedOffer('1.3.0');
    const swapped = { ...genuine, files: [{ url: 'Steward-1.3.0.AppImage', sha512: 'sha512-of-something-else', size: 100 }] };
    const tampered = await setup({ feedUrl: 'https://updates.example.com/steward' }, swapped);
    expect((await tampered.updater.checkNow())?.action).toBe('ignore');
    expect(tampered.fake.downloads).toBe(0);
    tampered.updater.dispose();
  });

  it('installs nothing when the build has no publisher key', async () => {
    const { fake, notices, updater } = await setup({ feedUrl: 'https://updates.example.com/steward' }, signedOffer('1.3.0'), null);
    expect((await updater.checkNow())?.action).toBe('ignore');
    expect(fake.downloads).toBe(0);
    expect(notices.at(-1)).toMatchObject({ title: 'Update refused', body: expect.stringContaining('no update publisher key') });
    updater.dispose();
  });

  it('never checks a feed that is not https, even if one got into the settings', async () => {
    const { core, fake, notices, updater } = await setup({}, signedOffer('1.3.0'));
    // As if the stored settings predated the https rule: the change event carries an http feed.
    core.events.emit({ type: 'settings.changed', settings: { ...core.settings, updates: { ...core.settings.updates, feedUrl: 'http://updates.example.com/steward' } } });
    expect(await updater.checkNow()).toBeNull();
    expect(fake.feed).toBeNull();
    expect(notices.at(-1)).toMatchObject({ title: 'Could not check for updates', body: expect.stringContaining('https://') });
    updater.dispose();
  });

  it('with automatic downloads off it only tells the user, once per version', async () => {
    const { fake, notices, updater } = await setup({ feedUrl: 'https://updates.example.com/steward', autoDownload: false }, signedOffer('1.3.0'));
    await updater.checkNow();
    await updater.checkNow();
    expect(fake.downloads).toBe(0);
    expect(notices.filter((n) => n.type === 'notification' && n.title === 'Update available')).toHaveLength(1);
    updater.dispose();
  });

  it('beta channel reads the beta feed and accepts pre-releases; a feed error becomes one warning', async () => {
    const { fake, notices, updater } = await setup({ feedUrl: 'https://updates.example.com/steward', channel: 'beta' }, signedOffer('1.3.0-beta.1'));
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
