/**
 * Turns a catalog source into the URL to fetch. `hf:<owner>/<repo>/<path>[#revision]` maps to
 * Hugging Face's resolve endpoint; HF_ENDPOINT points it at a mirror, as huggingface_hub does.
 */
export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co';

export function resolveModelSourceUrl(source: string, env: NodeJS.ProcessEnv = process.env): string {
  if (/^https?:\/\//.test(source)) return source;
  const match = /^hf:([^/\s]+)\/([^/\s]+)\/([^#\s]+)(?:#(\S+))?$/.exec(source);
  if (!match) throw new Error(`Unsupported model source "${source}": use hf:<owner>/<repo>/<file> or an http(s) URL`);
  const [, owner, repo, file, revision] = match as unknown as [string, string, string, string, string | undefined];
  const endpoint = (env.HF_ENDPOINT || DEFAULT_HF_ENDPOINT).replace(/\/+$/, '');
  const filePath = file.split('/').map(encodeURIComponent).join('/');
  return `${endpoint}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/resolve/${encodeURIComponent(revision ?? 'main')}/${filePath}?download=true`;
}

/** Host only: download URLs can carry signatures that must not reach logs or messages. */
export function describeUrl(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the download server';
  }
}
