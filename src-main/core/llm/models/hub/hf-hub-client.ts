/**
 * A small client of the Hugging Face Hub's public HTTP API, the endpoints huggingface_hub uses:
 *
 *   GET {endpoint}/api/models?search=<q>&filter=gguf&sort=downloads&direction=-1&limit=<n>
 *       → [{ id, downloads, likes, lastModified?, createdAt?, pipeline_tag?, … }]
 *   GET {endpoint}/api/models/{owner}/{name}/tree/main
 *       → [{ type: 'file' | 'directory', path, size, oid, lfs?: { oid (SHA-256), size, pointerSize } }]
 *   GET {endpoint}/{owner}/{name}/resolve/main/{file}   (the download, done by the model downloader)
 *
 * The endpoint is configurable (a mirror such as hf-mirror.com, or the tests' local fake).
 * Answers are validated with zod; network failures, 429, 404 and malformed answers become typed
 * errors that say what to do.
 */
import { z } from 'zod';
import { describeUrl } from '../model-source.js';
import { HubBadResponseError, HubRateLimitedError, HubRepoNotFoundError, HubUnreachableError } from './hub-errors.js';

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';
const REQUEST_TIMEOUT_MS = 20_000;

const SearchEntrySchema = z
  .object({
    id: z.string().min(1),
    downloads: z.number().nonnegative().optional(),
    likes: z.number().nonnegative().optional(),
    lastModified: z.string().optional(),
    createdAt: z.string().optional(),
    pipeline_tag: z.string().optional(),
    private: z.boolean().optional(),
    gated: z.union([z.boolean(), z.string()]).optional(),
  })
  .loose();

const TreeEntrySchema = z
  .object({
    type: z.string(),
    path: z.string(),
    size: z.number().nonnegative().optional(),
    oid: z.string().optional(),
    lfs: z.object({ oid: z.string(), size: z.number().nonnegative() }).loose().optional(),
  })
  .loose();

export interface HubSearchHit {
  repo: string;
  downloads: number;
  likes: number;
  updatedAt: string | null;
  pipelineTag: string | null;
  gated: boolean;
}

export interface HubTreeFile {
  path: string;
  sizeBytes: number | null;
  /** SHA-256 from the LFS pointer; null for files stored in git itself. */
  sha256: string | null;
}

export interface HubClientOptions {
  endpoint?: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

export class HuggingFaceHubClient {
  readonly endpoint: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: HubClientOptions = {}) {
    this.endpoint = (options.endpoint || DEFAULT_HUB_ENDPOINT).replace(/\/+$/, '');
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  get host(): string {
    return describeUrl(this.endpoint);
  }

  /** GGUF repositories matching `query`, most downloaded first. */
  async searchGguf(query: string, limit: number): Promise<HubSearchHit[]> {
    const params = new URLSearchParams({ search: query, filter: 'gguf', sort: 'downloads', direction: '-1', limit: String(limit) });
    const body = await this.getJson(`/api/models?${params.toString()}`, null);
    const parsed = z.array(SearchEntrySchema).safeParse(body);
    if (!parsed.success) throw new HubBadResponseError(this.host, 'a search result in an unexpected shape');
    return parsed.data.map((m) => ({
      repo: m.id,
      downloads: Math.round(m.downloads ?? 0),
      likes: Math.round(m.likes ?? 0),
      updatedAt: m.lastModified ?? m.createdAt ?? null,
      pipelineTag: m.pipeline_tag ?? null,
      gated: m.gated !== undefined && m.gated !== false,
    }));
  }

  /** The files at the top of the repository's main branch, with sizes and LFS digests. */
  async listFiles(repo: string): Promise<HubTreeFile[]> {
    const body = await this.getJson(`/api/models/${repoPath(repo)}/tree/main`, repo);
    const parsed = z.array(TreeEntrySchema).safeParse(body);
    if (!parsed.success) throw new HubBadResponseError(this.host, 'a file list in an unexpected shape');
    return parsed.data
      .filter((e) => e.type === 'file')
      .map((e) => {
        const digest = e.lfs?.oid.toLowerCase().replace(/^sha256:/, '') ?? null;
        return { path: e.path, sizeBytes: e.lfs?.size ?? e.size ?? null, sha256: digest && /^[0-9a-f]{64}$/.test(digest) ? digest : null };
      });
  }

  /** The download URL of a file, as huggingface_hub builds it. */
  resolveUrl(repo: string, fileName: string): string {
    return `${this.endpoint}/${repoPath(repo)}/resolve/main/${encodeURIComponent(fileName)}?download=true`;
  }

  private async getJson(pathAndQuery: string, repo: string | null): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.endpoint}${pathAndQuery}`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const why = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError') ? `no answer in ${Math.round(this.timeoutMs / 1000)} s` : networkReason(err);
      throw new HubUnreachableError(this.host, why, { cause: err });
    }
    if (response.status === 429) {
      await response.body?.cancel().catch(() => undefined);
      throw new HubRateLimitedError(this.host, retryAfterSeconds(response.headers.get('retry-after')));
    }
    // The Hub answers 401 for a repository that does not exist (or is private) when not signed in.
    if (repo !== null && (response.status === 404 || response.status === 401)) {
      await response.body?.cancel().catch(() => undefined);
      throw new HubRepoNotFoundError(repo, this.host);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new HubBadResponseError(this.host, `HTTP ${response.status}`);
    }
    try {
      return await response.json();
    } catch {
      throw new HubBadResponseError(this.host, 'something that is not JSON');
    }
  }
}

function repoPath(repo: string): string {
  return repo.split('/').map(encodeURIComponent).join('/');
}

function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/** The network error's code (ECONNREFUSED, ENOTFOUND …) without URLs; undici nests it in `cause` (or in an AggregateError's errors). */
function networkReason(err: unknown): string {
  type Coded = { code?: string; cause?: unknown; errors?: unknown[] };
  let code: string | undefined;
  for (let e = err as Coded | undefined, depth = 0; e && !code && depth < 4; depth++) {
    code = e.code ?? (e.errors?.[0] as Coded | undefined)?.code;
    e = e.cause as Coded | undefined;
  }
  if (!code) return 'the connection failed';
  return code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'the name does not resolve: offline?' : code;
}
