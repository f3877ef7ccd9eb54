import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Sqlite as DatabaseConstructor, type SqliteDatabase as Database } from './sqlite.js';
import * as sqliteVec from 'sqlite-vec';
import type { SecretStore } from '../ports.js';
import { applyMigrations, currentSchemaVersion, type Migration } from './migration.js';
import { MIGRATIONS } from './migrations/index.js';
import { CannotUnlockError, DatabaseCorruptError, DatabaseForeignError, DatabaseTooNewError } from './store-errors.js';

export interface StewardDatabase {
  /** The better-sqlite3 connection (SQLite3MultipleCiphers build), unlocked and migrated. */
  readonly raw: Database;
  readonly path: string;
  readonly schemaVersion: number;
  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface OpenDatabaseOptions {
  path: string;
  /** Sidecar JSON holding the key fingerprint (never the key) so a wrong key can be told from a damaged file. */
  infoPath: string;
  secrets: SecretStore;
  /** Keychain account holding this database's hex key. */
  keyAccount: string;
  now?: () => Date;
  migrations?: readonly Migration[];
}

const SQLITE_PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const KEY_BYTES = 32;

interface DatabaseInfo {
  format: 1;
  keyFingerprint: string;
  createdAt: string;
}

/**
 * Opens (or creates) the profile's encrypted database. Order matters: everything that could
 * reject the file runs before anything writes to it, so a foreign, damaged or wrongly keyed file
 * is reported and left byte-for-byte as it was.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<StewardDatabase> {
  const now = options.now ?? (() => new Date());
  const file = options.path;
  const exists = existsSync(file) && statSync(file).size > 0;

  if (exists) rejectForeignFile(file);

  let hexKey = await options.secrets.get(options.keyAccount);
  if (exists && !hexKey) throw new CannotUnlockError(file, 'key_missing', options.keyAccount);
  if (!hexKey) {
    hexKey = randomBytes(KEY_BYTES).toString('hex');
    await options.secrets.set(options.keyAccount, hexKey);
  }
  if (!/^[0-9a-f]{64}$/.test(hexKey)) throw new CannotUnlockError(file, 'wrong_key', options.keyAccount);

  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseConstructor(file, { fileMustExist: exists });
  try {
    db.pragma(`hexkey='${hexKey}'`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      throw explainUnreadable(file, options, hexKey, err);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // Deleted content is overwritten, so "clear my data" and deletions really remove the text.
    db.pragma('secure_delete = ON');
    sqliteVec.load(db);

    const migrations = options.migrations ?? MIGRATIONS;
    const latest = Math.max(0, ...migrations.map((m) => m.version));
    const found = currentSchemaVersion(db);
    if (found > latest) throw new DatabaseTooNewError(file, found, latest);
    applyMigrations(db, migrations, now);
    if (!exists || !existsSync(options.infoPath)) writeInfo(options.infoPath, hexKey, now());

    return {
      raw: db,
      path: file,
      schemaVersion: currentSchemaVersion(db),
      transaction: <T>(fn: () => T): T => db.transaction(fn)(),
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (err) {
    if (db.open) db.close();
    throw err;
  }
}

function rejectForeignFile(file: string): void {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.equals(SQLITE_PLAINTEXT_HEADER)) throw new DatabaseForeignError(file, 'an unencrypted SQLite database');
}

function explainUnreadable(file: string, options: OpenDatabaseOptions, hexKey: string, err: unknown): Error {
  const code = (err as { code?: string }).code;
  if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') return new DatabaseCorruptError(file, err);
  const info = readInfo(options.infoPath);
  if (info && info.keyFingerprint !== fingerprint(hexKey)) return new CannotUnlockError(file, 'wrong_key', options.keyAccount);
  return new DatabaseCorruptError(file, err);
}

function fingerprint(hexKey: string): string {
  // A hash of a 256-bit random key reveals nothing about it; it only tells keys apart.
  return createHash('sha256').update(`steward-db-key:${hexKey}`).digest('hex').slice(0, 16);
}

function writeInfo(infoPath: string, hexKey: string, at: Date): void {
  const info: DatabaseInfo = { format: 1, keyFingerprint: fingerprint(hexKey), createdAt: at.toISOString() };
  writeFileSync(infoPath, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
}

function readInfo(infoPath: string): DatabaseInfo | null {
  try {
    const parsed = JSON.parse(readFileSync(infoPath, 'utf8')) as Partial<DatabaseInfo>;
    return typeof parsed.keyFingerprint === 'string' ? (parsed as DatabaseInfo) : null;
  } catch {
    return null;
  }
}
