/**
 * The one import of the SQLite driver. The package uses `export =`, so its Database type lives on
 * the namespace; everyone else imports `SqliteDatabase` from here.
 */
import Sqlite from 'better-sqlite3-multiple-ciphers';

export { Sqlite };
export type SqliteDatabase = Sqlite.Database;
export type SqliteStatement = Sqlite.Statement;
