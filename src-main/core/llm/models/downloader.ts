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
  ServerSizeMismatchError,
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
  /** A rounded size (a catalog's sizeExact: false); a declared size further off than APPROXIMATE_SIZE_TOLERANCE is refused. */
  approximateSize?: number | null;
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

/**
 * How far a declared size may be from a rounded catalog size. Hugging Face's file pages show three
 * significant digits (at most 0.5 % off); 2 % allows for that while still catching another file.
 */
export const APPROXIMATE_SIZE_TOLERANCE = 0.02;

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
  // The caller's options with every unset one at its default.
  const resolved: ResolvedOptions = { ...options, ...DEFAULTS, ...stripUndefined(options) };
  const label = path.basename(options.destPath);
  if ((await fileSize(options.destPath)) !== null) throw new ModelAlreadyInstalledError(label);
  await mkdir(path.dirname(options.destPath), { recursive: true });
  const release = await acquireDownloadLock(options.destPath, label);
  try {
    let lastError: StewardError | null = null;
    for (let attempt = 0; attempt <= resolved.retries; attempt++) {
      if (attempt > 0) await sleepUnlessAborted(resolved.retryDelayMs * 2 ** (attempt - 1), options.signal);
      if (options.signal?.aborted) return await cancelled(options, label);
      try {
        return await attemptDownload(resolved, label);
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

/** How the server answered the (range) request: the body to read and what it says about the file. */
interface OpenedBody {
  response: Response;
  /** SHA-256 state covering the bytes before `offset` (the kept prefix), ready for the rest. */
  hash: Hash;
  /** Where this response's bytes start in the file (0 when the server sends the whole file). */
  offset: number;
}

/**
 * One try at the download, as named steps: find the resume point, ask the server for the rest,
 * check the size and the disk, stream the body into the .part, then verify and move it into
 * place. A failure keeps what arrived and says whether another try can fix it (RetryableError).
 */
async function attemptDownload(options: ResolvedOptions, label: string): Promise<DownloadResult> {
  return new DownloadAttempt(options, label).run();
}

class DownloadAttempt {
  private readonly partPath: string;
  private readonly expectedSize: number | null;
  private readonly silence: StallTimer;
  private meta: PartMeta | null = null;
  private fh: FileHandle | null = null;
  private position = 0;
  private syncedBytes = 0;
  private announced: AnnouncedFile = { sha256: null, sizeBytes: null };
  private total: number | null = null;
  private etag: string | null = null;
  private lastModified: string | null = null;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly label: string,
  ) {
    this.partPath = partPathFor(options.destPath);
    this.expectedSize = options.expectedSize ?? null;
    this.silence = new StallTimer(options.stallTimeoutMs, options.signal);
  }

  async run(): Promise<DownloadResult> {
    try {
      const offset = await this.resumePoint();
      this.report('starting');
      // Hash the kept prefix before asking for the rest: hashing gigabytes takes a while, and the
      // connection would sit idle (and hit the stall timeout) if it were done after the response.
      const prefixHash = offset > 0 ? await hashPrefix(this.partPath, offset) : null;
      this.silence.touch();
      const opened = await this.openBody(offset, prefixHash);
      await this.checkSizeAndSpace(opened);
      await this.writeBody(opened);
      return await this.verifyAndInstall(opened);
    } catch (err) {
      this.silence.stop();
      await this.keepWhatArrived();
      return await this.failure(err);
    } finally {
      this.silence.dispose();
    }
  }

  /** Where to resume: the flushed prefix recorded in the sidecar, never more than is on disk. */
  private async resumePoint(): Promise<number> {
    this.meta = await readPartMeta(this.options.destPath);
    const onDisk = (await fileSize(this.partPath)) ?? 0;
    if (this.meta && this.meta.url !== this.options.url) this.meta = null;
    let offset = this.meta ? Math.min(onDisk, this.meta.syncedBytes) : 0;
    if (this.expectedSize !== null && offset > this.expectedSize) offset = 0;
    this.position = offset;
    this.syncedBytes = offset;
    this.announced = { sha256: this.meta?.announcedSha256 ?? null, sizeBytes: null };
    this.total = this.meta?.total ?? null;
    return offset;
  }

  /** Asks for the bytes from `offset`; a range the server will not honour falls back to the whole file. */
  private async openBody(startOffset: number, prefixHash: Hash | null): Promise<OpenedBody> {
    let offset = startOffset;
    for (;;) {
      const headers: Record<string, string> = { 'accept-encoding': 'identity', 'user-agent': 'Steward-model-manager' };
      const validator = offset > 0 ? ifRangeValue(this.meta) : null;
      if (offset > 0) headers.range = `bytes=${offset}-`;
      if (validator) headers['if-range'] = validator;
      const followed = await getFollowingRedirects(this.options.url, { headers, signal: this.silence.signal, fetchImpl: this.options.fetchImpl ?? fetch, maxRedirects: this.options.maxRedirects });
      const response = followed.response;
      this.announced = { sha256: followed.announced.sha256 ?? this.announced.sha256, sizeBytes: followed.announced.sizeBytes };
      if (offset > 0 && response.status === 416) {
        // The .part may already hold every byte (a crash between download and rename).
        const range = parseContentRange(response.headers.get('content-range'));
        await response.body?.cancel().catch(() => undefined);
        if (range?.total === offset && prefixHash) {
          this.total = offset;
          return { response, hash: prefixHash, offset };
        }
        offset = this.startOver();
        continue;
      }
      if (offset > 0 && response.status === 206) {
        const range = parseContentRange(response.headers.get('content-range'));
        if (range && range.start === offset && prefixHash) {
          this.total = range.total;
          return { response, hash: prefixHash, offset };
        }
        // A range we did not ask for: safest is the whole file again.
        await response.body?.cancel().catch(() => undefined);
        offset = this.startOver();
        continue;
      }
      if (response.status === 200) {
        // Either a fresh download, or the server ignored Range / If-Range says the file changed:
        // only what the server announces now describes these bytes.
        this.announced = followed.announced;
        const length = response.headers.get('content-length');
        this.total = length && /^\d+$/.test(length) && !response.headers.get('content-encoding') ? Number(length) : null;
        return { response, hash: createHash('sha256'), offset: 0 };
      }
      await response.body?.cancel().catch(() => undefined);
      throw this.httpError(response.status);
    }
  }

  private startOver(): number {
    this.meta = null;
    return 0;
  }

  private httpError(status: number): Error {
    const why = `the server ${describeUrl(this.options.url)} answered HTTP ${status}${status === 404 ? ' (file not found — the catalog entry may be out of date)' : ''}`;
    const error = new DownloadFailedError(this.label, why);
    return status >= 500 || status === 429 || status === 408 ? new RetryableError(error) : error;
  }

  /** A size that contradicts the catalog or the Hub deletes the .part; a disk too small to finish stops before writing. */
  private async checkSizeAndSpace({ response, offset }: OpenedBody): Promise<void> {
    this.position = offset;
    this.syncedBytes = offset;
    const declared = this.total;
    this.total = this.total ?? this.announced.sizeBytes;
    const mismatch = this.sizeMismatch(declared);
    if (mismatch) {
      await response.body?.cancel().catch(() => undefined);
      await discardPartial(this.options.destPath);
      throw mismatch;
    }
    if (this.total !== null && this.total > this.position) await assertDiskSpace(path.dirname(this.options.destPath), this.total - this.position);
    this.etag = response.headers.get('etag');
    this.lastModified = response.headers.get('last-modified');
    await writePartMeta(this.options.destPath, this.partMeta());
  }

  /**
   * What is wrong with the size the server declared, if anything: the download server and the Hub's
   * X-Linked-Size must agree, and the file must have the catalog's exact size or be near its rounded one.
   */
  private sizeMismatch(declared: number | null): ServerSizeMismatchError | null {
    const announced = this.announced.sizeBytes;
    if (declared !== null && announced !== null && declared !== announced) {
      return new ServerSizeMismatchError(this.label, { by: 'the download server declared', declared, expected: `Hugging Face announced ${announced.toLocaleString('en-US')} bytes for it` });
    }
    const total = this.total;
    if (total === null) return null;
    if (this.expectedSize !== null && total !== this.expectedSize) {
      return new ServerSizeMismatchError(this.label, { by: 'the server offers', declared: total, expected: `the catalog says exactly ${this.expectedSize.toLocaleString('en-US')} bytes` });
    }
    const approximate = this.options.approximateSize ?? null;
    if (this.expectedSize === null && approximate !== null && Math.abs(total - approximate) > approximate * APPROXIMATE_SIZE_TOLERANCE) {
      return new ServerSizeMismatchError(this.label, { by: 'the server offers', declared: total, expected: `the catalog expects about ${formatBytes(approximate)}` });
    }
    return null;
  }

  /** Streams the body into the .part at its offset, flushing and recording the resume point as it goes. */
  private async writeBody({ response, hash, offset }: OpenedBody): Promise<void> {
    const now = this.options.now ?? (() => performance.now());
    const fh = await open(this.partPath, offset > 0 ? 'r+' : 'w');
    this.fh = fh;
    await fh.truncate(offset);
    const meter = new ProgressMeter();
    const sessionStart = this.position;
    meter.sample(now(), 0);
    let lastReport = -Infinity;
    if (response.body && this.total !== this.position) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        this.silence.touch();
        hash.update(chunk);
        await fh.write(chunk, 0, chunk.length, this.position);
        this.position += chunk.length;
        if (this.position - this.syncedBytes >= this.options.syncEveryBytes) {
          await fh.datasync();
          this.syncedBytes = this.position;
          await writePartMeta(this.options.destPath, this.partMeta());
        }
        const t = now();
        meter.sample(t, this.position - sessionStart);
        if (t - lastReport >= this.options.progressIntervalMs) {
          lastReport = t;
          this.report('downloading', meter.figures(this.position, this.total));
        }
      }
    } else {
      await response.body?.cancel().catch(() => undefined);
    }
    this.silence.stop();
    this.report('downloading', meter.figures(this.position, this.total));
    await fh.datasync();
    this.syncedBytes = this.position;
    await fh.close();
    this.fh = null;
    await writePartMeta(this.options.destPath, this.partMeta());
    if (this.total !== null && this.position < this.total) {
      throw new RetryableError(new DownloadFailedError(this.label, `the connection closed after ${formatBytes(this.position)} of ${formatBytes(this.total)}`));
    }
  }

  /** Digest, size and the caller's own check; only then is the .part renamed into place. */
  private async verifyAndInstall({ hash, offset }: OpenedBody): Promise<DownloadResult> {
    const { destPath } = this.options;
    this.report('verifying');
    const digest = hash.digest('hex');
    const expectedSha = this.options.expectedSha256 ?? this.announced.sha256;
    if (expectedSha && digest !== expectedSha) {
      await discardPartial(destPath);
      throw new ChecksumMismatchError(this.label, expectedSha, digest);
    }
    if ((this.expectedSize !== null && this.position !== this.expectedSize) || (this.total !== null && this.position !== this.total)) {
      await discardPartial(destPath);
      throw new SizeMismatchError(this.label, this.expectedSize ?? this.total ?? this.position, this.position);
    }
    if (this.options.verify) {
      try {
        await this.options.verify(this.partPath);
      } catch (err) {
        await discardPartial(destPath);
        throw err;
      }
    }
    if ((await fileSize(destPath)) !== null) throw new ModelAlreadyInstalledError(this.label);
    await rename(this.partPath, destPath);
    await rm(partMetaPathFor(destPath), { force: true });
    return {
      path: destPath,
      bytes: this.position,
      sha256: digest,
      resumedFromBytes: offset,
      verifiedBy: this.options.expectedSha256 ? 'expected-sha256' : this.announced.sha256 ? 'announced-sha256' : 'size-only',
    };
  }

  /** After a failure mid-body: flush what arrived and move the resume point up to it. */
  private async keepWhatArrived(): Promise<void> {
    const fh = this.fh;
    if (!fh) return;
    await fh
      .datasync()
      .then(async () => {
        this.syncedBytes = this.position;
        const m = await readPartMeta(this.options.destPath);
        if (m) await writePartMeta(this.options.destPath, { ...m, syncedBytes: this.syncedBytes });
      })
      .catch(() => undefined);
    await fh.close().catch(() => undefined);
    this.fh = null;
  }

  /** The error to throw: the user's cancel wins, a stall or dropped connection is worth another try. */
  private async failure(err: unknown): Promise<never> {
    const { options, label } = this;
    if (err instanceof StewardError || err instanceof RetryableError) {
      if (options.signal?.aborted) return cancelled(options, label);
      throw err;
    }
    if (options.signal?.aborted) return cancelled(options, label);
    if (this.silence.stalled) throw new RetryableError(new DownloadStalledError(label, Math.round(this.options.stallTimeoutMs / 1000)));
    const detail = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new RetryableError(new DownloadFailedError(label, `the connection to ${describeUrl(options.url)} failed (${detail})`, { cause: err }));
  }

  private partMeta(): PartMeta {
    return { url: this.options.url, etag: this.etag, lastModified: this.lastModified, total: this.total, announcedSha256: this.announced.sha256, syncedBytes: this.syncedBytes };
  }

  private report(state: DownloadProgress['state'], figures = { bytesPerSecond: null as number | null, etaSeconds: null as number | null }): void {
    this.options.onProgress?.({ state, bytes: this.position, total: this.total, ...figures });
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
