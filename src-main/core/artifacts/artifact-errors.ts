import { StewardError } from '../errors.js';

/** Errors of the preview methods; each says which file and what to do. Previews never change anything. */

export class ArtifactNotFoundError extends StewardError {
  constructor(relative: string) {
    super('not_found', `There is no file "${relative}" in the workspace. It may have been moved or deleted; check the task's outputs and try again.`);
  }
}

export class ArtifactTooLargeError extends StewardError {
  constructor(relative: string, size: number, limit: number) {
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    super('invalid_input', `"${relative}" is ${mb(size)}, larger than the ${mb(limit)} a preview can show. Open it from the workspace folder instead.`);
  }
}

export class ArtifactUnsupportedError extends StewardError {
  constructor(relative: string) {
    super('invalid_input', `"${relative}" is a binary file Steward cannot preview. Open it from the workspace folder instead.`);
  }
}

export class ArtifactUnreadableError extends StewardError {
  constructor(relative: string, reason: string, cause?: unknown) {
    super('invalid_input', `"${relative}" cannot be previewed because ${reason}. Open it from the workspace folder to check it.`, { cause });
  }
}
