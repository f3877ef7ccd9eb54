/**
 * One HTTP GET that follows redirects itself instead of letting fetch do it, so the headers of
 * every hop are visible: Hugging Face announces a file's SHA-256 and size (X-Linked-Etag,
 * X-Linked-Size) on the redirect, not on the CDN response that carries the bytes.
 */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface AnnouncedFile {
  /** SHA-256 the origin announced for the content, lowercase hex, or null. */
  sha256: string | null;
  sizeBytes: number | null;
}

export interface FollowedResponse {
  response: Response;
  finalUrl: string;
  announced: AnnouncedFile;
}

export class TooManyRedirectsError extends Error {}
export class BadRedirectError extends Error {}

function announcedSha256(headers: Headers): string | null {
  const raw = headers.get('x-linked-etag');
  if (!raw) return null;
  const value = raw.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
  // Git-stored (non-LFS) files carry a 40-hex blob id here, which is not a content digest.
  return /^[0-9a-f]{64}$/.test(value) ? value : null;
}

function announcedSize(headers: Headers): number | null {
  const raw = headers.get('x-linked-size');
  if (!raw || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

export async function getFollowingRedirects(
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal; fetchImpl: typeof fetch; maxRedirects: number },
): Promise<FollowedResponse> {
  let current = url;
  const announced: AnnouncedFile = { sha256: null, sizeBytes: null };
  for (let hop = 0; hop <= init.maxRedirects; hop++) {
    const response = await init.fetchImpl(current, { method: 'GET', headers: init.headers, redirect: 'manual', signal: init.signal });
    announced.sha256 = announcedSha256(response.headers) ?? announced.sha256;
    announced.sizeBytes = announcedSize(response.headers) ?? announced.sizeBytes;
    if (!REDIRECTS.has(response.status)) return { response, finalUrl: current, announced };
    const location = response.headers.get('location');
    await response.body?.cancel().catch(() => undefined);
    if (!location) throw new BadRedirectError(`a ${response.status} redirect without a Location header`);
    const next = new URL(location, current);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') throw new BadRedirectError(`a redirect to an unsupported ${next.protocol} URL`);
    // Never step down from https to http: the bytes would no longer be protected in transit.
    if (new URL(current).protocol === 'https:' && next.protocol === 'http:') throw new BadRedirectError('a redirect from https to plain http');
    current = next.toString();
  }
  throw new TooManyRedirectsError(`more than ${init.maxRedirects} redirects`);
}
