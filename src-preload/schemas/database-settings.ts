import { z } from 'zod';

/**
 * Connections to the company's own databases (issue 15), one per engine, under
 * integrations.sqlite / integrations.postgres / integrations.mysql. Passwords are secrets and live
 * in the keychain ("postgres.password", "mysql.password"); everything here is safe to show.
 * The limits bound what the read-only query tool may return and how long the server may work.
 */
const HOST = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$|^\d{1,3}(\.\d{1,3}){3}$|^\[[0-9a-fA-F:]+\]$/;
const IDENTIFIER = /^[A-Za-z0-9_$.@-]{1,128}$/;

const QueryLimits = {
  /** At most this many rows come back from one read-only query (the result says when more existed). */
  rowLimit: z.number({ error: 'must be a number of rows' }).int('must be a whole number').min(1, 'must be at least 1 row').max(10_000, 'must be at most 10000 rows').default(200),
  /** The server stops a query after this long (PostgreSQL statement_timeout, MariaDB max_statement_time). */
  timeoutSeconds: z.number({ error: 'must be a number of seconds' }).int('must be a whole number').min(1, 'must be at least 1 second').max(300, 'must be at most 300 seconds').default(15),
};

export const SqliteSettingsSchema = z
  .object({
    /** The database file the user picked; opened read-only for queries. */
    path: z.string({ error: 'must be the full path of the SQLite database file' }).trim().min(1, 'must not be empty').refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be a full path, such as /home/you/company.db'),
    ...QueryLimits,
  })
  .strict();
export type SqliteSettings = z.output<typeof SqliteSettingsSchema>;

function serverSchema(defaultPort: number, example: string) {
  return z
    .object({
      host: z.string({ error: `must be the database server name, such as ${example}` }).trim().min(1, 'must not be empty').regex(HOST, `must be a host name such as ${example} or an IP address`),
      port: z.number({ error: 'must be a port number' }).int('must be a whole number').min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535').default(defaultPort),
      database: z.string({ error: 'must be the database name' }).trim().min(1, 'must not be empty').regex(IDENTIFIER, 'must be a database name: letters, digits and _ $ . @ -'),
      user: z.string({ error: 'must be the user Steward logs in as' }).trim().min(1, 'must not be empty').regex(IDENTIFIER, 'must be a user name: letters, digits and _ $ . @ -'),
      /** Encrypt the connection (required by most hosted databases); off for a server on this machine. */
      ssl: z.boolean().default(false),
      ...QueryLimits,
    })
    .strict();
}

export const PostgresSettingsSchema = serverSchema(5432, 'db.example.com');
export type PostgresSettings = z.output<typeof PostgresSettingsSchema>;
export const MysqlSettingsSchema = serverSchema(3306, 'db.example.com');
export type MysqlSettings = z.output<typeof MysqlSettingsSchema>;
