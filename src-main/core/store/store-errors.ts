import { StewardError } from '../errors.js';

const UNCHANGED = 'The file was not changed.';

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
      `${file} is damaged and cannot be read. Restore it from a backup, or move it away to start an empty profile. ${UNCHANGED}`,
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
