/**
 * A real HTTP server on 127.0.0.1 that serves files the way Hugging Face and its CDN do (Range,
 * ETag, If-Range, redirects announcing X-Linked-Etag / X-Linked-Size), with switches to
 * misbehave: drop the connection midway, ignore Range, serve other bytes, stall, fail.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ServedFile {
  content: Buffer;
  /** Bytes actually sent instead of `content` (same length or not): a corrupted mirror. */
  wrongContent?: Buffer;
}

export interface Switches {
  /** Close the socket after sending this many body bytes (of the response, not the file). */
  dropAfterBytes?: number | null;
  /** Only drop on the first N requests. */
  dropTimes?: number;
  /** Answer Range requests with 200 and the whole file. */
  ignoreRange?: boolean;
  /** Send this many body bytes, then nothing (the connection stays open). */
  stallAfterBytes?: number | null;
  /** Answer with this status and no body. */
  failStatus?: number | null;
  failTimes?: number;
  /** Leave out the ETag (and Last-Modified) so If-Range cannot be used. */
  noValidators?: boolean;
  /** Body chunk size, to get several progress reports. */
  chunkBytes?: number;
  /**
   * With dropAfterBytes: cut the connection only once this says the client has the bytes (e.g. the
   * .part file has grown). A fixed delay is not enough on a busy machine: bytes the client has not
   * read yet when the socket dies are thrown away with the stream.
   */
  dropWhen?: () => boolean;
}

export interface RecordedRequest {
  path: string;
  range: string | null;
  ifRange: string | null;
  status: number;
  bodyBytesSent: number;
}

export interface FileServer {
  url(path: string): string;
  files: Map<string, ServedFile>;
  switches: Switches;
  requests: RecordedRequest[];
  /** Redirect `from` to `to` as HF's /resolve/ does, optionally announcing a digest and size. */
  redirect(from: string, to: string, announce?: { sha256?: string; size?: number }): void;
  close(): Promise<void>;
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Deterministic pseudo-random bytes. */
export function seededBytes(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, ServedFile>();
  const redirects = new Map<string, { to: string; announce?: { sha256?: string; size?: number } }>();
  const switches: Switches = {};
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let drops = 0;
  let fails = 0;

  const server = http.createServer((req, res) => {
    const urlPath = new URL(req.url ?? '/', 'http://x').pathname;
    const record: RecordedRequest = {
      path: urlPath,
      range: req.headers.range ?? null,
      ifRange: (req.headers['if-range'] as string | undefined) ?? null,
      status: 0,
      bodyBytesSent: 0,
    };
    requests.push(record);

    const redirect = redirects.get(urlPath);
    if (redirect) {
      record.status = 302;
      const headers: http.OutgoingHttpHeaders = { location: redirect.to };
      if (redirect.announce?.sha256) headers['x-linked-etag'] = `"${redirect.announce.sha256}"`;
      if (redirect.announce?.size !== undefined) headers['x-linked-size'] = String(redirect.announce.size);
      res.writeHead(302, headers).end();
      return;
    }
    if (switches.failStatus && fails < (switches.failTimes ?? Infinity)) {
      fails++;
      record.status = switches.failStatus;
      res.writeHead(switches.failStatus).end();
      return;
    }
    const file = files.get(urlPath);
    if (!file) {
      record.status = 404;
      res.writeHead(404).end();
      return;
    }
    const body = file.wrongContent ?? file.content;
    const etag = `"${sha256(file.content).slice(0, 16)}"`;
    const validators: http.OutgoingHttpHeaders = switches.noValidators ? {} : { etag, 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' };

    let start = 0;
    let status = 200;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'] as string | undefined;
    const validatorMatches = ifRange === undefined || ifRange === etag || ifRange === validators['last-modified'];
    if (range && !switches.ignoreRange && validatorMatches) {
      start = Number(range[1]);
      if (start >= body.length) {
        record.status = 416;
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      status = 206;
    }
    const slice = body.subarray(start);
    const headers: http.OutgoingHttpHeaders = { 'content-length': slice.length, 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream', ...validators };
    if (status === 206) headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    record.status = status;
    res.writeHead(status, headers);

    const dropAt = switches.dropAfterBytes != null && drops < (switches.dropTimes ?? Infinity) ? switches.dropAfterBytes : null;
    if (dropAt !== null) drops++;
    const limit = Math.min(slice.length, dropAt ?? Infinity, switches.stallAfterBytes ?? Infinity);
    const chunk = switches.chunkBytes ?? 16 * 1024;
    let sent = 0;
    const pump = () => {
      while (sent < limit) {
        const piece = slice.subarray(sent, Math.min(limit, sent + chunk));
        sent += piece.length;
        record.bodyBytesSent = sent;
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      if (limit === slice.length) {
        res.end();
      } else if (dropAt !== null && limit === dropAt) {
        // Let the bytes reach the client, then cut the connection mid-body.
        const cut = () => req.socket.destroy();
        const dropWhen = switches.dropWhen;
        const giveUpAt = Date.now() + 10_000;
        const cutWhenReceived = () => (!dropWhen || dropWhen() || Date.now() > giveUpAt ? cut() : setTimeout(cutWhenReceived, 10));
        res.write('', () => setTimeout(cutWhenReceived, 20));
      }
      // Otherwise: stall, with the connection open.
    };
    pump();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    files,
    switches,
    requests,
    redirect(from, to, announce) {
      redirects.set(from, { to, announce });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
