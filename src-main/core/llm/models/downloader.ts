/**
 * Resumable, verified HTTP(S) download of one large file.
 *
 * Bytes go to `<dest>.part`; a sidecar `<dest>.part.json` remembers the source, the server's
 * validator (ETag / Last-Modified) and how many bytes are known to be flushed to disk. A later
 * call resumes with a Range request (If-Range guards against the file having changed; a server
 * that ignores Range is answered by starting over). The SHA-256 is computed while streaming, over
 * the resumed prefix too. Only after size, digest and the caller's own check pass is the .part
 * renamed into place, so a partial file is never taken for a complete one.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, statfs, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { sleepUnlessAborted } from '../../async/sleep.js';
import { StallTimer } from '../../async/stall-timer.js';
import { StewardError } from '../../errors.js';
import { formatBytes } from './format.js';
import { getFollowingRedirects, type AnnouncedFile } from './http-get.js';
import {
  ChecksumMismatchError,
  DownloadCancelledError,
  DownloadInProgressError,
  DownloadFailedError,
  DownloadStalledError,
  ModelAlreadyInstalledError,
  NotEnoughDiskSpaceError,
  SizeMismatchError,
} from './model-errors.js';
import { describeUrl } from './model-source.js';
import { ProgressMeter } from './progress-meter.js';

export interface DownloadProgress {
  state: 'starting' | 'downloading' | 'verifying';
  /** Bytes in the .part so far, including a resumed prefix. */
  bytes: number;
  total: number | null;
  bytesPerSecond: number | null;
  etaSeconds: number | null;
}

export interface DownloadOptions {
  url: string;
  /** Final path; the download lives at `${destPath}.part` until verified. */
  destPath: string;
  /** Exact size when known; a different size is an error. */
  expectedSize?: number | null;
  /** Published SHA-256; when absent the digest the server announces (X-Linked-Etag) is used. */
  expectedSha256?: string | null;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Minimum time between 'downloading' progress reports; 0 reports every chunk. */
  progressIntervalMs?: number;
  /** No byte for this long (before or during the body) fails the attempt. */
  stallTimeoutMs?: number;
  /** Extra attempts after a dropped connection, stall or 5xx, each resuming. */
  retries?: number;
  retryDelayMs?: number;
  /** On cancel, delete the .part instead of keeping it for resume; a function is asked at cancel time. */
  discardPartialOnCancel?: boolean | (() => boolean);
  /** Runs on the complete .part before it is renamed (e.g. a GGUF completeness check); throwing deletes it. */
  verify?: (partPath: string) => Promise<void>;
  /** Flush to disk and record the resume point every this many bytes. */
  syncEveryBytes?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
  maxRedirects?: number;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  sha256: string;
  /** Bytes that were already on disk when this call started. */
  resumedFromBytes: number;
  /** What the digest was checked against. */
  verifiedBy: 'expected-sha256' | 'announced-sha256' | 'size-only';
}

interface PartMeta {
  url: string;
  etag: string | null;
  lastModified: string | null;
  total: number | null;
  announcedSha256: string | null;
  /** Bytes flushed with fdatasync: the resume point after a crash. */
  syncedBytes: number;
}

export const partPathFor = (destPath: string): string => `${destPath}.part`;
export const partMetaPathFor = (destPath: string): string => `${destPath}.part.json`;
/** Held while a process downloads the file (holds its pid), so the app and the CLI never write one .part together. */
export const partLockPathFor = (destPath: string): string => `${destPath}.part.lock`;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function acquireDownloadLock(destPath: string, label: string): Promise<() => Promise<void>> {
  const lock = partLockPathFor(destPath);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lock, 'wx');
      try {
        await fh.writeFile(String(process.pid));
      } finally {
        await fh.close();
      }
      return () => rm(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const text = await readFile(lock, 'utf8').catch(() => '');
      const pid = Number(text);
      const justCreated = text === '' && Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? 0) < 10_000;
      if (justCreated || (Number.isInteger(pid) && pid > 0 && processAlive(pid))) throw new DownloadInProgressError(label);
      // The process that held it is gone (crash, kill): the lock is stale.
      await rm(lock, { force: true });
    }
  }
  throw new DownloadInProgressError(label);
}

/** Something went wrong that a later attempt can fix by resuming (dropped connection, stall, 5xx). */
class RetryableError extends Error {
  constructor(readonly error: StewardError) {
    super(error.message);
  }
}

const DEFAULTS = {
  progressIntervalMs: 250,
  stallTimeoutMs: 30_000,
  retries: 3,
  retryDelayMs: 1000,
  syncEveryBytes: 16 * 1024 * 1024,
  maxRedirects: 10,
};

export async function readPartMeta(destPath: string): Promise<PartMeta | null> {
  try {
    const json = JSON.parse(await readFile(partMetaPathFor(destPath), 'utf8')) as Partial<PartMeta>;
    if (typeof json.url !== 'string' || typeof json.syncedBytes !== 'number') return null;
    return {
      url: json.url,
      etag: typeof json.etag === 'string' ? json.etag : null,
      lastModified: typeof json.lastModified === 'string' ? json.lastModified : null,
      total: typeof json.total === 'number' ? json.total : null,
      announcedSha256: typeof json.announcedSha256 === 'string' ? json.announcedSha256 : null,
      syncedBytes: json.syncedBytes,
    };
  } catch {
    return null;
  }
}

async function writePartMeta(destPath: string, meta: PartMeta): Promise<void> {
  const file = partMetaPathFor(destPath);
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, JSON.stringify(meta));
  await rename(temp, file);
}

async function fileSize(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

export async function discardPartial(destPath: string): Promise<void> {
  await rm(partPathFor(destPath), { force: true });
  await rm(partMetaPathFor(destPath), { force: true });
}

async function hashPrefix(file: string, bytes: number): Promise<Hash> {
  const hash = createHash('sha256');
  if (bytes === 0) return hash;
  for await (const chunk of createReadStream(file, { start: 0, end: bytes - 1 })) hash.update(chunk as Buffer);
  return hash;
}

// "bytes 100-199/1000", or "bytes */1000" on a 416 (start is then null).
function parseContentRange(value: string | null): { start: number | null; total: number | null } | null {
  const m = value ? /^bytes (?:(\d+)-\d+|\*)\/(\d+|\*)$/.exec(value.trim()) : null;
  if (!m) return null;
  return { start: m[1] === undefined ? null : Number(m[1]), total: m[2] === '*' ? null : Number(m[2]) };
}

/** A strong ETag, else Last-Modified: weak ETags are not allowed in If-Range. */
function ifRangeValue(meta: PartMeta | null): string | null {
  if (meta?.etag && !meta.etag.startsWith('W/')) return meta.etag;
  return meta?.lastModified ?? null;
}

export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const o: ResolvedOptions = { ...options, ...DEFAULTS, ...stripUndefined(options) };
  const label = path.basename(options.destPath);
  if ((await fileSize(options.destPath)) !== null) throw new ModelAlreadyInstalledError(label);
  await mkdir(path.dirname(options.destPath), { recursive: true });
  const release = await acquireDownloadLock(options.destPath, label);
  try {
    let lastError: StewardError | null = null;
    for (let attempt = 0; attempt <= o.retries; attempt++) {
      if (attempt > 0) await sleepUnlessAborted(o.retryDelayMs * 2 ** (attempt - 1), options.signal);
      if (options.signal?.aborted) return await cancelled(options, label);
      try {
        return await attemptDownload(options, o, label);
      } catch (err) {
        if (err instanceof RetryableError) {
          lastError = err.error;
          continue;
        }
        throw err;
      }
    }
    throw lastError ?? new DownloadFailedError(label, 'it could not be completed');
  } finally {
    await release();
  }
}

async function cancelled(options: DownloadOptions, label: string): Promise<never> {
  const discard = typeof options.discardPartialOnCancel === 'function' ? options.discardPartialOnCancel() : (options.discardPartialOnCancel ?? false);
  if (discard) await discardPartial(options.destPath);
  throw new DownloadCancelledError(label, !discard);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

type ResolvedOptions = typeof DEFAULTS & DownloadOptions;

async function attemptDownload(options: DownloadOptions, o: ResolvedOptions, label: string): Promise<DownloadResult> {
  const now = o.now ?? (() => performance.now());
  const fetchImpl = o.fetchImpl ?? fetch;
  const partPath = partPathFor(options.destPath);
  const expectedSize = options.expectedSize ?? null;

  // Where to resume: the flushed prefix recorded in the sidecar, never more than is on disk.
  let meta = await readPartMeta(options.destPath);
  const onDisk = (await fileSize(partPath)) ?? 0;
  if (meta && meta.url !== options.url) meta = null;
  let offset = meta ? Math.min(onDisk, meta.syncedBytes) : 0;
  if (expectedSize !== null && offset > expectedSize) offset = 0;

  const silence = new StallTimer(o.stallTimeoutMs, options.signal);

  let fh: FileHandle | null = null;
  let position = offset;
  let syncedBytes = offset;
  let announced: AnnouncedFile = { sha256: meta?.announcedSha256 ?? null, sizeBytes: null };
  let total: number | null = meta?.total ?? null;

  const report = (state: DownloadProgress['state'], figures = { bytesPerSecond: null as number | null, etaSeconds: null as number | null }) =>
    options.onProgress?.({ state, bytes: position, total, ...figures });

  try {
    report('starting');
    // Hash the kept prefix before asking for the rest: hashing gigabytes takes a while, and the
    // connection would sit idle (and hit the stall timeout) if it were done after the response.
    const prefixHash = offset > 0 ? await hashPrefix(partPath, offset) : null;
    silence.touch();
    let hash: Hash;
    let response: Response;
    for (;;) {
      const headers: Record<string, string> = { 'accept-encoding': 'identity', 'user-agent': 'Steward-model-manager' };
      const validator = offset > 0 ? ifRangeValue(meta) : null;
      if (offset > 0) headers.range = `bytes=${offset}-`;
      if (validator) headers['if-range'] = validator;
      const followed = await getFollowingRedirects(options.url, { headers, signal: silence.signal, fetchImpl, maxRedirects: o.maxRedirects });
      response = followed.response;
      announced = { sha256: followed.announced.sha256 ?? announced.sha256, sizeBytes: followed.announced.sizeBytes };
      if (offset > 0 && response.status === 416) {
        // The .part may already hold every byte (a crash between download and rename).
        const range = parseContentRange(response.headers.get('content-range'));
        await response.body?.cancel().catch(() => undefined);
        if (range?.total === offset && prefixHash) {
          total = offset;
          hash = prefixHash;
          break;
        }
        offset = 0;
        meta = null;
        continue;
      }
      if (offset > 0 && response.status === 206) {
        const range = parseContentRange(response.headers.get('content-range'));
        if (range && range.start === offset && prefixHash) {
          total = range.total;
          hash = prefixHash;
          break;
        }
        // A range we did not ask for: safest is the whole file again.
        await response.body?.cancel().catch(() => undefined);
        offset = 0;
        meta = null;
        continue;
      }
      if (response.status === 200) {
        // Either a fresh download, or the server ignored Range / If-Range says the file changed:
        // only what the server announces now describes these bytes.
        offset = 0;
        announced = followed.announced;
        const length = response.headers.get('content-length');
        total = length && /^\d+$/.test(length) && !response.headers.get('content-encoding') ? Number(length) : null;
        hash = createHash('sha256');
        break;
      }
      await response.body?.cancel().catch(() => undefined);
      const why = `the server ${describeUrl(options.url)} answered HTTP ${response.status}${response.status === 404 ? ' (file not found — the catalog entry may be out of date)' : ''}`;
      const error = new DownloadFailedError(label, why);
      if (response.status >= 500 || response.status === 429 || response.status === 408) throw new RetryableError(error);
      throw error;
    }
    const resumedFromBytes = offset;
    position = offset;
    syncedBytes = offset;
    total = total ?? announced.sizeBytes;

    if (expectedSize !== null && total !== null && total !== expectedSize) {
      await response.body?.cancel().catch(() => undefined);
      await discardPartial(options.destPath);
      throw new SizeMismatchError(label, expectedSize, total);
    }
    if (total !== null && total > position) await assertDiskSpace(path.dirname(options.destPath), total - position);

    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    const newMeta = (): PartMeta => ({ url: options.url, etag, lastModified, total, announcedSha256: announced.sha256, syncedBytes });
    await writePartMeta(options.destPath, newMeta());

    fh = await open(partPath, offset > 0 ? 'r+' : 'w');
    if (offset === 0) await fh.truncate(0);
    else await fh.truncate(offset);

    const meter = new ProgressMeter();
    const sessionStart = position;
    meter.sample(now(), 0);
    let lastReport = -Infinity;
    if (response.body && total !== position) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        silence.touch();
        hash.update(chunk);
        await fh.write(chunk, 0, chunk.length, position);
        position += chunk.length;
        if (position - syncedBytes >= o.syncEveryBytes) {
          await fh.datasync();
          syncedBytes = position;
          await writePartMeta(options.destPath, newMeta());
        }
        const t = now();
        meter.sample(t, position - sessionStart);
        if (t - lastReport >= o.progressIntervalMs) {
          lastReport = t;
          report('downloading', meter.figures(position, total));
        }
      }
    } else {
      await response.body?.cancel().catch(() => undefined);
    }
    silence.stop();
    report('downloading', meter.figures(position, total));
    await fh.datasync();
    syncedBytes = position;
    await fh.close();
    fh = null;
    await writePartMeta(options.destPath, newMeta());

    if (total !== null && position < total) {
      throw new RetryableError(new DownloadFailedError(label, `the connection closed after ${formatBytes(position)} of ${formatBytes(total)}`));
    }

    report('verifying');
    const digest = hash.digest('hex');
    const expectedSha = options.expectedSha256 ?? announced.sha256;
    if (expectedSha && digest !== expectedSha) {
      await discardPartial(options.destPath);
      throw new ChecksumMismatchError(label, expectedSha, digest);
    }
    if ((expectedSize !== null && position !== expectedSize) || (total !== null && position !== total)) {
      await discardPartial(options.destPath);
      throw new SizeMismatchError(label, expectedSize ?? total ?? position, position);
    }
    if (options.verify) {
      try {
        await options.verify(partPath);
      } catch (err) {
        await discardPartial(options.destPath);
        throw err;
      }
    }
    if ((await fileSize(options.destPath)) !== null) throw new ModelAlreadyInstalledError(label);
    await rename(partPath, options.destPath);
    await rm(partMetaPathFor(options.destPath), { force: true });
    return {
      path: options.destPath,
      bytes: position,
      sha256: digest,
      resumedFromBytes,
      verifiedBy: options.expectedSha256 ? 'expected-sha256' : announced.sha256 ? 'announced-sha256' : 'size-only',
    };
  } catch (err) {
    silence.stop();
    if (fh) {
      // Keep what arrived: flush it and move the resume point up to it.
      await fh
        .datasync()
        .then(async () => {
          syncedBytes = position;
          const m = await readPartMeta(options.destPath);
          if (m) await writePartMeta(options.destPath, { ...m, syncedBytes });
        })
        .catch(() => undefined);
      await fh.close().catch(() => undefined);
      fh = null;
    }
    if (err instanceof StewardError || err instanceof RetryableError) {
      if (options.signal?.aborted) return cancelled(options, label);
      throw err;
    }
    if (options.signal?.aborted) return cancelled(options, label);
    if (silence.stalled) throw new RetryableError(new DownloadStalledError(label, Math.round(o.stallTimeoutMs / 1000)));
    const detail = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new RetryableError(new DownloadFailedError(label, `the connection to ${describeUrl(options.url)} failed (${detail})`, { cause: err }));
  } finally {
    silence.dispose();
  }
}

async function assertDiskSpace(dir: string, neededBytes: number): Promise<void> {
  let free: number;
  try {
    const fs = await statfs(dir);
    free = Number(fs.bavail) * Number(fs.bsize);
  } catch {
    return; // Cannot tell (unusual filesystem): let the write fail with its own error instead.
  }
  const margin = 64 * 1024 * 1024;
  if (free < neededBytes + margin) throw new NotEnoughDiskSpaceError(dir, neededBytes, free, formatBytes);
}
