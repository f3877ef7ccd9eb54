/**
 * A local HTTP fake of the Hugging Face Hub endpoints Steward uses, in their documented wire
 * format (as huggingface_hub reads them):
 *
 *   GET /api/models?search=&filter=gguf&sort=downloads&direction=-1&limit=
 *       → JSON array of { _id, id, modelId, likes, downloads, private, gated, tags, pipeline_tag,
 *         library_name, createdAt, lastModified }, filtered by `search` (case-insensitive, in the id)
 *         and by the `gguf` tag, sorted by `sort` descending
 *   GET /api/models/{owner}/{name}/tree/main
 *       → JSON array of { type: 'file', oid, size, path, lfs?: { oid: <sha256>, size, pointerSize } };
 *         404 with { error: 'Repository not found' } and X-Error-Code: RepoNotFound for others
 *   GET /{owner}/{name}/resolve/main/{file}
 *       → 302 to the CDN path with X-Linked-Etag: "<sha256>" and X-Linked-Size, as the Hub does
 *   GET /cdn/{sha256}
 *       → the bytes, with ETag, Accept-Ranges and 206 answers to Range requests
 *
 * Switches make it answer 429 (with Retry-After) or fail; every request is recorded.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeHubFile {
  path: string;
  content: Buffer;
  /** Stored in git, not LFS (small text files): no lfs block, a git blob id instead. */
  inGit?: boolean;
  /** Size the file list gives instead of the content's (a 9 GB model without 9 GB of test data). */
  listedSize?: number;
}

export interface FakeHubRepo {
  id: string;
  downloads: number;
  likes: number;
  tags?: string[];
  gated?: boolean | 'auto' | 'manual';
  pipelineTag?: string;
  lastModified?: string;
  files: FakeHubFile[];
}

export interface HuggingFaceFake {
  /** The endpoint to configure (no trailing slash), like https://huggingface.co. */
  url: string;
  repos: FakeHubRepo[];
  /** Paths (with query) of every request, in order. */
  requests: string[];
  /** Answer the next N API requests with 429 and this Retry-After. */
  rateLimit(times: number, retryAfterSeconds?: number): void;
  /** Answer the next N API requests with this status. */
  fail(times: number, status: number): void;
  close(): Promise<void>;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const gitBlobId = (b: Buffer): string => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

export async function startHuggingFaceFake(repos: FakeHubRepo[]): Promise<HuggingFaceFake> {
  const requests: string[] = [];
  let rateLimited = { times: 0, retryAfter: 30 };
  let failing = { times: 0, status: 500 };
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const byDigest = () => new Map(repos.flatMap((r) => r.files.map((f) => [sha256(f.content), f.content] as const)));

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(`${url.pathname}${url.search}`);
    if (url.pathname.startsWith('/api/')) {
      if (rateLimited.times > 0) {
        rateLimited.times--;
        return json(res, 429, { error: 'You have exceeded our hourly quotas for action: api. We invite you to retry later.' }, { 'Retry-After': String(rateLimited.retryAfter) });
      }
      if (failing.times > 0) {
        failing.times--;
        return json(res, failing.status, { error: 'Internal Error' });
      }
    }
    if (url.pathname === '/api/models') return searchModels(url, repos, res, json);
    const tree = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/main\/?$/.exec(url.pathname);
    if (tree) {
      const repo = repos.find((r) => r.id === decodeURIComponent(tree[1]!));
      if (!repo) return json(res, 404, { error: 'Repository not found' }, { 'X-Error-Code': 'RepoNotFound' });
      return json(
        res,
        200,
        repo.files.map((f) => {
          const size = f.listedSize ?? f.content.length;
          if (f.inGit) return { type: 'file', oid: gitBlobId(f.content), size, path: f.path };
          const pointer = Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(f.content)}\nsize ${size}\n`);
          return { type: 'file', oid: gitBlobId(pointer), size, path: f.path, lfs: { oid: sha256(f.content), size, pointerSize: pointer.length } };
        }),
      );
    }
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/.exec(url.pathname);
    if (resolve) {
      const repo = repos.find((r) => r.id === decodeURIComponent(resolve[1]!));
      const file = repo?.files.find((f) => f.path === decodeURIComponent(resolve[2]!));
      if (!file) return json(res, 404, { error: 'Entry not found' }, { 'X-Error-Code': 'EntryNotFound' });
      const digest = sha256(file.content);
      res.writeHead(302, { Location: `/cdn/${digest}`, 'X-Linked-Etag': `"${digest}"`, 'X-Linked-Size': String(file.content.length), 'Content-Length': '0' });
      return res.end();
    }
    const cdn = /^\/cdn\/([0-9a-f]{64})$/.exec(url.pathname);
    if (cdn) {
      const content = byDigest().get(cdn[1]!);
      if (!content) return json(res, 404, { error: 'Not found' });
      return serveBytes(req.headers.range, content, cdn[1]!, res);
    }
    json(res, 404, { error: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    repos,
    requests,
    rateLimit: (times, retryAfterSeconds = 30) => {
      rateLimited = { times, retryAfter: retryAfterSeconds };
    },
    fail: (times, status) => {
      failing = { times, status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function searchModels(url: URL, repos: FakeHubRepo[], res: import('node:http').ServerResponse, json: (res: import('node:http').ServerResponse, status: number, body: unknown) => void) {
  const search = (url.searchParams.get('search') ?? '').toLowerCase();
  const filter = url.searchParams.get('filter');
  const sort = url.searchParams.get('sort') === 'likes' ? 'likes' : 'downloads';
  const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? '1000') || 1000);
  const found = repos
    .filter((r) => r.id.toLowerCase().includes(search))
    .filter((r) => !filter || (r.tags ?? ['gguf']).includes(filter))
    .sort((a, b) => b[sort] - a[sort])
    .slice(0, limit)
    .map((r, i) => ({
      _id: `6650${String(i).padStart(20, '0')}`,
      id: r.id,
      modelId: r.id,
      likes: r.likes,
      downloads: r.downloads,
      private: false,
      gated: r.gated ?? false,
      tags: r.tags ?? ['gguf', 'text-generation'],
      pipeline_tag: r.pipelineTag ?? 'text-generation',
      library_name: 'gguf',
      createdAt: '2025-05-01T10:00:00.000Z',
      lastModified: r.lastModified ?? '2025-06-01T10:00:00.000Z',
    }));
  json(res, 200, found);
}

function serveBytes(range: string | undefined, content: Buffer, etag: string, res: import('node:http').ServerResponse) {
  const match = range ? /^bytes=(\d+)-$/.exec(range) : null;
  if (match) {
    const start = Number(match[1]);
    if (start >= content.length) {
      res.writeHead(416, { 'Content-Range': `bytes */${content.length}` });
      return res.end();
    }
    res.writeHead(206, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(content.length - start), 'Content-Range': `bytes ${start}-${content.length - 1}/${content.length}`, ETag: `"${etag}"`, 'Accept-Ranges': 'bytes' });
    return res.end(content.subarray(start));
  }
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(content.length), ETag: `"${etag}"`, 'Accept-Ranges': 'bytes' });
  res.end(content);
}
