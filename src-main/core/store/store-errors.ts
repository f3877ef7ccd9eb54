import { StewardError } from '../errors.js';

const UNCHANGED = 'The file was not changed.';
/** The "start a new profile" choice: the old files and key are kept aside, never deleted (database-set-aside.ts). */
const NEW_PROFILE_HINT = 'or start a new profile that keeps the old file aside: `npm run serve -- --start-new-profile` (asks you to confirm)';

export class DatabaseForeignError extends StewardError {
  constructor(file: string, what: string) {
    super(
      'database_foreign',
      `${file} is ${what}, not a Steward database. Move it somewhere else (or set STEWARD_HOME to another folder) and start Steward again. ${UNCHANGED}`,
    );
  }
}

export class DatabaseCorruptError extends StewardError {
  constructor(file: string, cause?: unknown) {
    super(
      'database_corrupt',
      `${file} is damaged and cannot be read. Restore it from a backup, save what can still be read with \`npm run salvage\` (read-only), ${NEW_PROFILE_HINT}. ${UNCHANGED}`,
      { cause },
    );
  }
}

export class CannotUnlockError extends StewardError {
  constructor(file: string, reason: 'key_missing' | 'wrong_key', account: string) {
    const why =
      reason === 'key_missing'
        ? `its key is missing from the OS keychain (entry "Steward" / "${account}")`
        : `the key in the OS keychain (entry "Steward" / "${account}") does not open it`;
    super(
      'cannot_unlock',
      `Cannot unlock ${file}: ${why}. Restore that keychain entry from a backup of your keychain, or move the database away to start a new profile. Nothing was recreated. ${UNCHANGED}`,
    );
  }
}

export class DatabaseTooNewError extends StewardError {
  constructor(file: string, found: number, known: number) {
    super(
      'conflict',
      `${file} was written by a newer Steward (schema version ${found}; this version knows up to ${known}). Update Steward to open it. ${UNCHANGED}`,
    );
  }
}

export class DatabaseEmptyError extends StewardError {
  constructor(file: string) {
    super(
      'database_empty',
      `${file} exists but is empty (0 bytes), so it holds none of your conversations — something truncated it. Steward did not replace it with an empty profile. Restore steward.db from a backup, ${NEW_PROFILE_HINT}. ${UNCHANGED}`,
    );
  }
}

export class DiskFullError extends StewardError {
  constructor(folder: string, cause?: unknown) {
    super(
      'disk_full',
      `The disk holding ${folder} is full, so Steward cannot save. Free some space on that disk and try again. Your data is not damaged; what you just did was not saved.`,
      { cause },
    );
  }
}

export class FolderNotWritableError extends StewardError {
  constructor(folder: string, cause?: unknown) {
    super(
      'folder_not_writable',
      `Steward cannot write to ${folder} (permission denied or a read-only disk). Give your user account write permission on that folder (for example \`chmod u+w "${folder}"\`), or set STEWARD_HOME to a writable folder, and start again. Nothing was changed.`,
      { cause },
    );
  }
}

/** Maps the file-system and SQLite errors that mean "out of space" or "not allowed to write" to what the user can act on. */
export function explainStorageError(folder: string, err: unknown): StewardError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code.startsWith('SQLITE_FULL')) return new DiskFullError(folder, err);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) return new FolderNotWritableError(folder, err);
  return null;
}
