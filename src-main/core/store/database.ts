import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Sqlite as DatabaseConstructor, type SqliteDatabase as Database } from './sqlite.js';
import * as sqliteVec from 'sqlite-vec';
import type { SecretStore } from '../ports.js';
import { applyMigrations, currentSchemaVersion, type Migration } from './migration.js';
import { MIGRATIONS } from './migrations/index.js';
import { CannotUnlockError, DatabaseCorruptError, DatabaseEmptyError, DatabaseForeignError, DatabaseTooNewError, explainStorageError } from './store-errors.js';

export interface StewardDatabase {
  /** The better-sqlite3 connection (SQLite3MultipleCiphers build), unlocked and migrated. */
  readonly raw: Database;
  readonly path: string;
  readonly schemaVersion: number;
  /** Key for signing things kept outside the database (the audit anchor); derived from, never equal to, the database key. */
  readonly sidecarKey: Buffer;
  /** What start-up found: whether the last run ended without closing the database, and the integrity check then run. */
  readonly startup: StartupCheck;
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

export interface StartupCheck {
  uncleanShutdown: boolean;
  /** 'ok', the problems `PRAGMA quick_check` found, or null when no check was needed. */
  integrity: string | null;
}

/** Present while the database is open; found at start it means the last run was killed or crashed. */
export const runningMarkerPath = (file: string): string => `${file}.running`;

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
  try {
    return await open(options);
  } catch (err) {
    throw explainStorageError(path.dirname(options.path), err) ?? err;
  }
}

async function open(options: OpenDatabaseOptions): Promise<StewardDatabase> {
  const now = options.now ?? (() => new Date());
  const file = options.path;
  // Any file at this path is the user's, even an empty one: a 0-byte steward.db means something
  // truncated it, and opening it as "no database yet" would silently start an empty profile.
  // (A 0-byte file with no sidecar is this code's own creation, cut short before the first write.)
  if (existsSync(file) && statSync(file).size === 0) {
    if (existsSync(options.infoPath)) throw new DatabaseEmptyError(file);
    rmSync(file);
  }
  const exists = existsSync(file);

  if (exists) rejectForeignFile(file);

  let hexKey = await options.secrets.get(options.keyAccount);
  if (exists && !hexKey) throw new CannotUnlockError(file, 'key_missing', options.keyAccount);
  if (!hexKey) {
    hexKey = randomBytes(KEY_BYTES).toString('hex');
    await options.secrets.set(options.keyAccount, hexKey);
  }
  if (!/^[0-9a-f]{64}$/.test(hexKey)) throw new CannotUnlockError(file, 'wrong_key', options.keyAccount);

  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Created owner-only before SQLite touches it (SQLite would create it 0644 under the usual umask).
  if (!exists) closeSync(openSync(file, 'wx', 0o600));
  const db = new DatabaseConstructor(file, { fileMustExist: true });
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
    // The WAL and shared-memory files hold the same (encrypted) pages: owner-only too.
    for (const side of [`${file}-wal`, `${file}-shm`]) if (existsSync(side)) chmodSync(side, 0o600);

    const marker = runningMarkerPath(file);
    const uncleanShutdown = exists && existsSync(marker);
    const integrity = uncleanShutdown ? quickCheck(db) : null;

    const migrations = options.migrations ?? MIGRATIONS;
    const latest = Math.max(0, ...migrations.map((m) => m.version));
    const found = currentSchemaVersion(db);
    if (found > latest) throw new DatabaseTooNewError(file, found, latest);
    applyMigrations(db, migrations, now);
    if (!exists || !existsSync(options.infoPath)) writeInfo(options.infoPath, hexKey, now());
    writeFileSync(marker, JSON.stringify({ pid: process.pid, openedAt: now().toISOString() }) + '\n', { mode: 0o600 });

    return {
      raw: db,
      path: file,
      schemaVersion: currentSchemaVersion(db),
      sidecarKey: createHash('sha256').update(`steward-sidecar-key:${hexKey}`).digest(),
      startup: { uncleanShutdown, integrity },
      transaction: <T>(fn: () => T): T => db.transaction(fn)(),
      close: () => {
        if (!db.open) return;
        db.close();
        rmSync(marker, { force: true });
      },
    };
  } catch (err) {
    if (db.open) db.close();
    // A profile being created for the first time holds nothing of the user's: leave no half-made file behind.
    if (!exists) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    throw err;
  }
}

function quickCheck(db: Database): string {
  try {
    const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return problems.length === 0 ? 'ok' : problems.join('; ');
  } catch (err) {
    return `the check could not run: ${(err as Error).message}`;
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
