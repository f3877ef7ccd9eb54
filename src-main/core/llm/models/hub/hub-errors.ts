/**
 * Typed errors of the Hugging Face search. Each names the server by host only (a mirror's URL
 * may carry a token) and says what to do; none of them changes anything on disk.
 */
import { StewardError } from '../../../errors.js';

export class HubUnreachableError extends StewardError {
  constructor(host: string, why: string, options?: { cause?: unknown }) {
    super(
      'provider_failed',
      `Could not reach Hugging Face at ${host} (${why}). Check the internet connection, or set a mirror under Models › Hugging Face; the catalog and installed models work offline.`,
      options,
    );
  }
}

export class HubRateLimitedError extends StewardError {
  readonly retryAfterSeconds: number | null;
  constructor(host: string, retryAfterSeconds: number | null) {
    super(
      'provider_failed',
      `Hugging Face (${host}) is limiting requests from this computer (HTTP 429). Wait ${retryAfterSeconds !== null ? `${retryAfterSeconds} s` : 'a minute'} and search again.`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class HubRepoNotFoundError extends StewardError {
  constructor(repo: string, host: string) {
    super('not_found', `Hugging Face (${host}) has no public model repository "${repo}". Check the spelling, or search for it by name; private and gated repositories cannot be downloaded here.`);
  }
}

export class HubFileNotFoundError extends StewardError {
  constructor(repo: string, fileName: string) {
    super('not_found', `The repository "${repo}" has no file "${fileName}". Open the repository's file list again and pick one of the .gguf files shown.`);
  }
}

export class HubFileNotDownloadableError extends StewardError {
  constructor(fileName: string, why: string) {
    super('invalid_input', `"${fileName}" cannot be used on its own: ${why}. Nothing was downloaded.`);
  }
}

export class HubBadResponseError extends StewardError {
  constructor(host: string, what: string) {
    super('provider_failed', `Hugging Face (${host}) answered with ${what}. Try again later; if you use a mirror, check that it serves the Hugging Face API.`);
  }
}
