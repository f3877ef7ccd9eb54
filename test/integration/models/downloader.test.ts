import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile, partLockPathFor, partMetaPathFor, partPathFor, type DownloadProgress } from '../../../src-main/core/llm/models/downloader.js';
import {
  ChecksumMismatchError,
  DownloadCancelledError,
  DownloadFailedError,
  DownloadInProgressError,
  DownloadStalledError,
  ServerSizeMismatchError,
} from '../../../src-main/core/llm/models/model-errors.js';
import { seededBytes, sha256, startFileServer, type FileServer } from './helpers/file-server.js';

const SIZE = 300_000;
const content = seededBytes(SIZE, 7);

let server: FileServer;
let dir: string;
let dest: string;

beforeEach(async () => {
  server = await startFileServer();
  server.files.set('/model.gguf', { content });
  dir = mkdtempSync(path.join(os.tmpdir(), 'steward-dl-'));
  dest = path.join(dir, 'model.gguf');
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const fast = { retries: 0, retryDelayMs: 1, progressIntervalMs: 0, stallTimeoutMs: 10_000 };

describe('downloadFile', () => {
  it('downloads, reports progress with speed and ETA, verifies the SHA-256 and renames into place', async () => {
    const events: DownloadProgress[] = [];
    const result = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, expectedSha256: sha256(content), onProgress: (p) => events.push(p) });

    expect(readFileSync(dest).equals(content)).toBe(true);
    expect(existsSync(partPathFor(dest))).toBe(false);
    expect(existsSync(partMetaPathFor(dest))).toBe(false);
    expect(result).toMatchObject({ bytes: SIZE, sha256: sha256(content), resumedFromBytes: 0, verifiedBy: 'expected-sha256' });

    expect(events[0]).toMatchObject({ state: 'starting', bytes: 0 });
    const downloading = events.filter((e) => e.state === 'downloading');
    expect(downloading.length).toBeGreaterThan(3);
    for (let i = 1; i < downloading.length; i++) expect(downloading[i]!.bytes).toBeGreaterThanOrEqual(downloading[i - 1]!.bytes);
    expect(downloading.at(-1)).toMatchObject({ bytes: SIZE, total: SIZE });
    expect(downloading.some((e) => e.bytesPerSecond !== null && e.bytesPerSecond > 0)).toBe(true);
    expect(events.at(-1)?.state).toBe('verifying');
  });

  it('keeps the partial file when the connection drops, and a second call fetches only the remainder', async () => {
    server.switches.dropAfterBytes = 120_000;
    server.switches.dropTimes = 1;

    const err = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, expectedSha256: sha256(content) }).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadFailedError);
    expect(err.userMessage).toMatch(/pull again to resume/);
    expect(existsSync(dest)).toBe(false);
    const kept = statSync(partPathFor(dest)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(120_000);

    const result = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, expectedSha256: sha256(content) });
    expect(readFileSync(dest).equals(content)).toBe(true);
    expect(result.resumedFromBytes).toBe(kept);
    const second = server.requests[1]!;
    expect(second.range).toBe(`bytes=${kept}-`);
    expect(second.ifRange).not.toBeNull();
    expect(second.status).toBe(206);
    expect(second.bodyBytesSent).toBe(SIZE - kept);
  });

  it('retries by itself after a dropped connection, resuming with a Range request', async () => {
    server.switches.dropAfterBytes = 50_000;
    server.switches.dropTimes = 1;
    server.switches.dropWhen = () => (existsSync(partPathFor(dest)) ? statSync(partPathFor(dest)).size : 0) >= 50_000;
    const result = await downloadFile({ ...fast, retries: 2, url: server.url('/model.gguf'), destPath: dest, expectedSha256: sha256(content) });
    expect(readFileSync(dest).equals(content)).toBe(true);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.status).toBe(206);
    expect(result.bytes).toBe(SIZE);
  });

  it('starts over from byte 0 when the server ignores Range', async () => {
    server.switches.dropAfterBytes = 100_000;
    server.switches.dropTimes = 1;
    await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest }).catch(() => undefined);
    expect(statSync(partPathFor(dest)).size).toBeGreaterThan(0);

    server.switches.ignoreRange = true;
    const result = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, expectedSha256: sha256(content) });
    expect(server.requests[1]!.status).toBe(200);
    expect(server.requests[1]!.bodyBytesSent).toBe(SIZE);
    expect(result.resumedFromBytes).toBe(0);
    expect(readFileSync(dest).equals(content)).toBe(true);
  });

  it('fetches the new file whole when it changed on the server since the partial download (If-Range)', async () => {
    server.switches.dropAfterBytes = 100_000;
    server.switches.dropTimes = 1;
    await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest }).catch(() => undefined);

    const updated = seededBytes(SIZE, 99);
    server.files.set('/model.gguf', { content: updated });
    await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest });
    expect(server.requests[1]!.status).toBe(200);
    expect(readFileSync(dest).equals(updated)).toBe(true);
  });

  it('deletes the file and reports a typed error when the SHA-256 does not match', async () => {
    server.files.set('/model.gguf', { content, wrongContent: seededBytes(SIZE, 8) });
    const err = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, expectedSha256: sha256(content) }).catch((e) => e);
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect(err.code).toBe('model_invalid');
    expect(err.userMessage).toMatch(/deleted/);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(partPathFor(dest))).toBe(false);
    expect(existsSync(partMetaPathFor(dest))).toBe(false);
  });

  it('checks the digest of a resumed download over the prefix already on disk too', async () => {
    server.switches.dropAfterBytes = 100_000;
    server.switches.dropTimes = 1;
    await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest }).catch(() => undefined);
    // Corrupt the kept prefix: the remainder will be right, the whole will not.
    const part = readFileSync(partPathFor(dest));
    part[10] = part[10]! ^ 0xff;
    writeFileSync(partPathFor(dest), part);

    const err = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, expectedSha256: sha256(content) }).catch((e) => e);
    expect(server.requests[1]!.status).toBe(206);
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(partPathFor(dest))).toBe(false);
  });

  it('follows redirects and verifies against the digest the origin announces (X-Linked-Etag)', async () => {
    server.redirect('/resolve/model.gguf', '/cdn/model.gguf', { sha256: sha256(content), size: SIZE });
    server.files.set('/cdn/model.gguf', { content });
    const ok = await downloadFile({ ...fast, url: server.url('/resolve/model.gguf'), destPath: dest });
    expect(ok.verifiedBy).toBe('announced-sha256');
    expect(readFileSync(dest).equals(content)).toBe(true);

    const other = path.join(dir, 'other.gguf');
    server.files.set('/cdn/model.gguf', { content, wrongContent: seededBytes(SIZE, 3) });
    const err = await downloadFile({ ...fast, url: server.url('/resolve/model.gguf'), destPath: other }).catch((e) => e);
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect(existsSync(other)).toBe(false);
  });

  it('refuses a file whose size differs from the exact size expected, before downloading it', async () => {
    const err = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, expectedSize: SIZE + 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(ServerSizeMismatchError);
    expect(err.userMessage).toBe(
      '"model.gguf" was not downloaded: the server offers 300,000 bytes, but the catalog says exactly 300,001 bytes. The catalog entry may point at a different or replaced file. Nothing was written; update Steward for a corrected catalog, or search for the file under Models › Hugging Face.',
    );
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(partPathFor(dest))).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('accepts a rounded size within 2 % and refuses one further off, before writing a byte', async () => {
    const near = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, approximateSize: 303_000 });
    expect(near.bytes).toBe(SIZE);

    const other = path.join(dir, 'other.gguf');
    const err = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: other, approximateSize: 310_000 }).catch((e) => e);
    expect(err).toBeInstanceOf(ServerSizeMismatchError);
    expect(err.userMessage).toMatch(/^"other\.gguf" was not downloaded: the server offers 300,000 bytes, but the catalog expects about 310 kB\./);
    expect(existsSync(other)).toBe(false);
    expect(existsSync(partPathFor(other))).toBe(false);
  });

  it('refuses a file when the download server and the size Hugging Face announced (X-Linked-Size) disagree', async () => {
    server.redirect('/resolve/model.gguf', '/cdn/model.gguf', { size: SIZE + 10 });
    server.files.set('/cdn/model.gguf', { content });
    const err = await downloadFile({ ...fast, url: server.url('/resolve/model.gguf'), destPath: dest }).catch((e) => e);
    expect(err).toBeInstanceOf(ServerSizeMismatchError);
    expect(err.userMessage).toContain('the download server declared 300,000 bytes, but Hugging Face announced 300,010 bytes for it');
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(partPathFor(dest))).toBe(false);
  });

  it('cancels on abort: keeps the .part for resume, or deletes it when asked', async () => {
    server.switches.stallAfterBytes = 64_000;
    const controller = new AbortController();
    const err = await downloadFile({
      ...fast,
      url: server.url('/model.gguf'),
      destPath: dest,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.state === 'downloading' && p.bytes >= 64_000) controller.abort();
      },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadCancelledError);
    expect(err.code).toBe('cancelled');
    expect(existsSync(dest)).toBe(false);
    expect(statSync(partPathFor(dest)).size).toBe(64_000);

    server.switches.stallAfterBytes = null;
    const resumed = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, expectedSha256: sha256(content) });
    expect(resumed.resumedFromBytes).toBe(64_000);
    expect(readFileSync(dest).equals(content)).toBe(true);

    const second = path.join(dir, 'second.gguf');
    server.switches.stallAfterBytes = 32_000;
    const c2 = new AbortController();
    await downloadFile({
      ...fast,
      url: server.url('/model.gguf'),
      destPath: second,
      signal: c2.signal,
      discardPartialOnCancel: true,
      onProgress: (p) => {
        if (p.bytes >= 32_000) c2.abort();
      },
    }).catch(() => undefined);
    expect(existsSync(partPathFor(second))).toBe(false);
    expect(existsSync(second)).toBe(false);
  });

  it('fails a stalled connection with a clear timeout error and keeps what arrived', async () => {
    server.switches.stallAfterBytes = 40_000;
    const err = await downloadFile({ ...fast, stallTimeoutMs: 300, url: server.url('/model.gguf'), destPath: dest }).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadStalledError);
    expect(err.code).toBe('timeout');
    expect(err.userMessage).toMatch(/stalled/);
    expect(statSync(partPathFor(dest)).size).toBe(40_000);
  });

  it('reports a missing file without retrying, and retries a 503', async () => {
    const err = await downloadFile({ ...fast, retries: 3, url: server.url('/nope.gguf'), destPath: dest }).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadFailedError);
    expect(err.userMessage).toMatch(/HTTP 404/);
    expect(server.requests).toHaveLength(1);

    server.switches.failStatus = 503;
    server.switches.failTimes = 1;
    await downloadFile({ ...fast, retries: 1, url: server.url('/model.gguf'), destPath: dest });
    expect(readFileSync(dest).equals(content)).toBe(true);
  });

  it('resumes only from the prefix recorded as flushed, not from unflushed bytes after a crash', async () => {
    server.switches.dropAfterBytes = 100_000;
    server.switches.dropTimes = 1;
    await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest }).catch(() => undefined);
    // Simulate a power loss: the file grew with garbage the sidecar never recorded as synced.
    const meta = JSON.parse(readFileSync(partMetaPathFor(dest), 'utf8'));
    const synced = meta.syncedBytes as number;
    writeFileSync(partPathFor(dest), Buffer.concat([readFileSync(partPathFor(dest)).subarray(0, synced), Buffer.alloc(5000)]));

    const result = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, expectedSha256: sha256(content) });
    expect(result.resumedFromBytes).toBe(synced);
    expect(readFileSync(dest).equals(content)).toBe(true);
  });

  it('resumes without If-Range when the server gives no validator, still verifying the result', async () => {
    server.switches.noValidators = true;
    server.switches.dropAfterBytes = 100_000;
    server.switches.dropTimes = 1;
    await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest }).catch(() => undefined);
    await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, expectedSha256: sha256(content) });
    expect(server.requests[1]!.ifRange).toBeNull();
    expect(server.requests[1]!.status).toBe(206);
    expect(readFileSync(dest).equals(content)).toBe(true);
  });

  it('lets only one download write a file at a time, and takes over a lock left by a dead process', async () => {
    server.switches.stallAfterBytes = 10_000;
    const controller = new AbortController();
    const first = downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, signal: controller.signal }).catch((e) => e);
    await expect.poll(() => existsSync(partPathFor(dest))).toBe(true);
    const second = await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest }).catch((e) => e);
    expect(second).toBeInstanceOf(DownloadInProgressError);
    controller.abort();
    expect(await first).toBeInstanceOf(DownloadCancelledError);
    expect(existsSync(partLockPathFor(dest))).toBe(false);

    // A pid that cannot be running: the lock is stale and the next download proceeds.
    writeFileSync(partLockPathFor(dest), '2147483646');
    server.switches.stallAfterBytes = null;
    await downloadFile({ ...fast, url: server.url('/model.gguf'), destPath: dest, expectedSha256: sha256(content) });
    expect(readFileSync(dest).equals(content)).toBe(true);
    expect(existsSync(partLockPathFor(dest))).toBe(false);
  });
});
