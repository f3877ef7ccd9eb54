/**
 * Typed errors of the built-in tools. Each user message names what was wrong and what to do;
 * internals (paths outside the workspace, SDK messages) stay in `detail`/`cause`.
 */
import { StewardError } from '../../errors.js';

/** A path argument that is absolute, escapes the workspace, or is otherwise unusable. */
export class WorkspacePathError extends StewardError {
  readonly givenPath: string;

  constructor(givenPath: string, reason: string) {
    super('invalid_input', `The path "${printable(givenPath)}" ${reason}. Use a relative path inside the task's workspace folder, such as "reports/summary.txt". Nothing was changed.`);
    this.givenPath = givenPath;
  }
}

/** The target file exists and the call did not ask to replace it. */
export class FileExistsError extends StewardError {
  constructor(relativePath: string) {
    super('conflict', `"${relativePath}" already exists in the workspace. Choose another name, or set overwrite to true to replace it. Nothing was changed.`);
  }
}

export class WorkspaceFileNotFoundError extends StewardError {
  constructor(relativePath: string, what = 'file') {
    super('not_found', `The ${what} "${relativePath}" does not exist in the workspace. List the workspace files to check the name.`);
  }
}

export class FileTooLargeError extends StewardError {
  constructor(relativePath: string, bytes: number, limitBytes: number) {
    super('invalid_input', `"${relativePath}" is ${formatBytes(bytes)}, more than the ${formatBytes(limitBytes)} this tool reads at once. Read a smaller file, or raise maxBytes (up to ${formatBytes(limitBytes)}).`);
  }
}

export class NotATextFileError extends StewardError {
  constructor(relativePath: string) {
    super('invalid_input', `"${relativePath}" is a binary file, not text, so it cannot be shown here. Open it with the app that made it.`);
  }
}

/** Rollback would destroy changes made after the tool ran, so it refuses. */
export class RollbackConflictError extends StewardError {
  constructor(relativePath: string) {
    super('conflict', `"${relativePath}" was changed after Steward wrote it, so it was left as it is instead of being rolled back. Check the file and undo it by hand if needed.`);
  }
}

/** A tool needs something on this machine that is not installed (e.g. Chromium). */
export class MissingDependencyError extends StewardError {
  constructor(userMessage: string, options?: { cause?: unknown; detail?: string }) {
    super('not_found', userMessage, options);
  }
}

/** A tool that needs settings or credentials was called before they were set up. */
export class ToolNotConfiguredError extends StewardError {
  constructor(toolName: string, reason: string) {
    super('invalid_input', `${toolName} is not set up yet: ${reason}`);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Keeps control characters and huge strings out of user messages. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 120 ? `${clean.slice(0, 117)}...` : clean;
}
