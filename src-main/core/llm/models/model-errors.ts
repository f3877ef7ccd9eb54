/**
 * Typed errors of the model manager. Each user message says what went wrong and what to do;
 * URLs are reduced to their host so signed CDN links never reach logs or the UI.
 */
import { StewardError } from '../../errors.js';

export class UnknownModelError extends StewardError {
  constructor(id: string) {
    super(
      'not_found',
      `No model "${id}" in the catalog or the models folder. Run "npm run models -- list" to see the catalog ids, pull one with "npm run models -- pull <id>", or import a .gguf file you already have.`,
    );
  }
}

export class ModelAlreadyInstalledError extends StewardError {
  constructor(fileName: string, detail?: string) {
    super('conflict', `The model "${fileName}" is already installed${detail ? ` (${detail})` : ''}. Nothing was changed; delete it first if you want to replace it.`);
  }
}

export class DownloadInProgressError extends StewardError {
  constructor(id: string) {
    super('conflict', `"${id}" is already downloading. Wait for it to finish or cancel it first.`);
  }
}

export class ChecksumMismatchError extends StewardError {
  constructor(fileName: string, expected: string, actual: string) {
    super(
      'model_invalid',
      `The download of "${fileName}" was corrupted or altered: its SHA-256 is ${actual.slice(0, 12)}…, expected ${expected.slice(0, 12)}…. The file was deleted; pull it again.`,
    );
  }
}

export class SizeMismatchError extends StewardError {
  constructor(fileName: string, expected: number, actual: number) {
    super('model_invalid', `The download of "${fileName}" has ${actual} bytes, expected ${expected}. The file was deleted; pull it again.`);
  }
}

/**
 * The server declared a size that contradicts the catalog (or Hugging Face's own announcement)
 * before any byte was written: the entry probably points at a different or replaced file.
 */
export class ServerSizeMismatchError extends StewardError {
  constructor(fileName: string, detail: { expected: string; declared: number; by: string }) {
    super(
      'model_invalid',
      `"${fileName}" was not downloaded: ${detail.by} ${detail.declared.toLocaleString('en-US')} bytes, but ${detail.expected}. The catalog entry may point at a different or replaced file. Nothing was written; update Steward for a corrected catalog, or search for the file under Models › Hugging Face.`,
    );
  }
}

export class DownloadFailedError extends StewardError {
  constructor(fileName: string, why: string, options?: { cause?: unknown }) {
    super('provider_failed', `The download of "${fileName}" failed: ${why}. What was downloaded is kept; pull again to resume.`, options);
  }
}

export class DownloadStalledError extends StewardError {
  constructor(fileName: string, seconds: number) {
    super('timeout', `The download of "${fileName}" stalled: no data arrived for ${seconds} s. Check your connection, then pull again; it resumes where it stopped.`);
  }
}

export class DownloadCancelledError extends StewardError {
  constructor(fileName: string, partialKept: boolean) {
    super(
      'cancelled',
      partialKept
        ? `The download of "${fileName}" was cancelled. What was downloaded is kept; pull again to resume.`
        : `The download of "${fileName}" was cancelled and the partial file deleted.`,
    );
  }
}

export class NotEnoughDiskSpaceError extends StewardError {
  constructor(dir: string, neededBytes: number, freeBytes: number, format: (n: number) => string) {
    super('conflict', `Not enough disk space for the model: needs ~${format(neededBytes)}, ${format(freeBytes)} free in ${dir}. Free some space or delete a model, then try again.`);
  }
}

export class InvalidCatalogError extends StewardError {
  constructor(source: string, summary: string) {
    super('invalid_input', `The model catalog ${source} is invalid: ${summary}. Fix the file or unset STEWARD_MODEL_CATALOG to use the built-in catalog.`);
  }
}

/** The downloaded bytes matched what the server sent, but they are not a usable GGUF. */
export class DownloadedModelInvalidError extends StewardError {
  readonly reason: string;
  constructor(fileName: string, reason: string, options?: { cause?: unknown }) {
    super('model_invalid', `The download of "${fileName}" is not a usable model: ${reason}. The file was deleted. The catalog entry may point at a bad file; try again later or pick another model.`, options);
    this.reason = reason;
  }
}
