/**
 * Publisher signatures on updates. electron-updater checks that a download matches the sha512 in
 * the feed's latest.yml, but anyone who controls the feed controls that file too. So Steward
 * trusts an update only when latest.yml also carries `stewardSignature`: an Ed25519 signature,
 * by the publisher key built into the app, over the version and every file's sha512. The
 * download is then held to those hashes by electron-updater itself.
 * (Windows and macOS builds additionally keep the OS code-signature checks: electron-builder's
 * publisherName / verifyUpdateCodeSignature and Squirrel.Mac's signature requirement.)
 */
import { createPublicKey, verify } from 'node:crypto';

export interface SignedUpdateInfo {
  version: string;
  files?: readonly { url: string; sha512: string }[];
  path?: string;
  sha512?: string;
  stewardSignature?: unknown;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** The exact bytes the publisher signs (release tooling must build the same string). */
export function updateSigningPayload(info: SignedUpdateInfo): string {
  const files = info.files && info.files.length > 0 ? info.files : info.path && info.sha512 ? [{ url: info.path, sha512: info.sha512 }] : [];
  return ['steward-update-v1', info.version, ...files.map((f) => `${f.url} ${f.sha512}`)].join('\n');
}

export function verifyUpdateSignature(info: SignedUpdateInfo, publisherKeyPem: string | null): SignatureCheck {
  if (!publisherKeyPem) return { ok: false, reason: 'this build of Steward has no update publisher key, so it cannot tell a genuine update from a forged one' };
  if (typeof info.stewardSignature !== 'string' || info.stewardSignature.length === 0) return { ok: false, reason: 'the update is not signed by the publisher' };
  const hasFiles = (info.files?.length ?? 0) > 0 || Boolean(info.path && info.sha512);
  if (!hasFiles) return { ok: false, reason: 'the update lists no files with checksums' };
  try {
    const key = createPublicKey(publisherKeyPem);
    const signature = Buffer.from(info.stewardSignature, 'base64');
    const good = verify(null, Buffer.from(updateSigningPayload(info), 'utf8'), key, signature);
    return good ? { ok: true } : { ok: false, reason: 'the update is signed, but not by this app’s publisher (or its files were changed after signing)' };
  } catch {
    return { ok: false, reason: 'the update’s signature or the publisher key is malformed' };
  }
}
