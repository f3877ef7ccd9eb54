/**
 * What a SQL text is, before any server sees it: its statements (split outside strings, quoted
 * names and comments) and the words it uses. The read-only query tool accepts exactly one SELECT,
 * WITH, EXPLAIN or SHOW that uses no writing keyword; the write tool accepts exactly one statement.
 * This is the first of two locks — the query also runs in a read-only transaction (or a read-only
 * SQLite handle), so SQL this check misreads still cannot change data.
 */
import type { DatabaseEngine } from './database-connector.js';
import { DatabaseError } from './database-errors.js';

export const READ_STATEMENTS = ['SELECT', 'WITH', 'EXPLAIN', 'SHOW', 'DESCRIBE'] as const;

/** Words that write, lock, load files or leave the transaction — refused anywhere in a read-only query. */
const WRITING_WORDS = new Set([
  'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UPSERT', 'INTO', 'CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'GRANT', 'REVOKE', 'COPY', 'LOCK',
  'VACUUM', 'ATTACH', 'DETACH', 'PRAGMA', 'OUTFILE', 'DUMPFILE', 'REINDEX', 'COMMIT', 'ROLLBACK',
  // Functions with effects outside the transaction (a read-only transaction does not stop them).
  'PG_TERMINATE_BACKEND', 'PG_CANCEL_BACKEND', 'PG_RELOAD_CONF', 'SET_CONFIG', 'DBLINK', 'DBLINK_EXEC', 'LO_IMPORT', 'LO_EXPORT', 'LO_UNLINK',
  'PG_READ_FILE', 'PG_READ_BINARY_FILE', 'PG_LS_DIR', 'LOAD_FILE', 'LOAD_EXTENSION', 'NEXTVAL', 'SETVAL',
]);

export interface ParsedSql {
  /** Non-empty statements, trimmed, without the separating semicolons. */
  statements: string[];
  /** Upper-case words outside strings, quoted names and comments, per statement. */
  words: string[][];
}

export function parseSql(sql: string, engine: DatabaseEngine): ParsedSql {
  const statements: string[] = [];
  const words: string[][] = [];
  let start = 0;
  let current: string[] = [];
  let i = 0;
  const flush = (end: number) => {
    const text = sql.slice(start, end).trim();
    if (current.length > 0 || stripComments(text) !== '') {
      statements.push(text);
      words.push(current);
    }
    current = [];
    start = end + 1;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') i = endOfLine(sql, i);
    else if (c === '#' && engine === 'mysql') i = endOfLine(sql, i);
    else if (c === '/' && next === '*') {
      // MySQL runs the inside of /*! … */ and /*M! … */ comments as SQL: never let code hide there.
      if (engine === 'mysql' && (sql[i + 2] === '!' || (sql[i + 2] === 'M' && sql[i + 3] === '!'))) throw new DatabaseError('not_read_only', 'This SQL contains a MySQL executable comment (/*! … */), which runs as code. Write the statement without it. Nothing was run.');
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (c === "'" || (c === '"' && engine === 'mysql')) i = endOfQuoted(sql, i, c, engine === 'mysql');
    else if (c === '"' || c === '`') i = endOfQuoted(sql, i, c, false);
    else if (c === '[' && engine === 'sqlite') i = Math.max(sql.indexOf(']', i), i) + 1;
    else if (c === '$' && engine === 'postgres' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end === -1 ? sql.length : end + tag.length;
    } else if (c === ';') {
      flush(i);
      i += 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i))![0];
      current.push(match.toUpperCase());
      i += match.length;
    } else i += 1;
  }
  flush(sql.length);
  return { statements, words };
}

/** Exactly one statement that only reads; returns it without a trailing semicolon. */
export function checkReadOnlySql(sql: string, engine: DatabaseEngine): { statement: string; firstWord: string } {
  const { statement, words } = single(sql, engine);
  const first = words[0] ?? '';
  if (!(READ_STATEMENTS as readonly string[]).includes(first) || (engine === 'sqlite' && (first === 'SHOW' || first === 'DESCRIBE')) || (engine === 'postgres' && first === 'DESCRIBE')) {
    const allowed = engine === 'sqlite' ? 'SELECT, WITH or EXPLAIN' : engine === 'postgres' ? 'SELECT, WITH, EXPLAIN or SHOW' : 'SELECT, WITH, EXPLAIN, SHOW or DESCRIBE';
    throw new DatabaseError('not_read_only', `The read-only query tool runs one ${allowed} statement, and this SQL starts with ${first || 'nothing it can read'}. Nothing was run. To change data, use "Change data in a database" (database.execute), which asks you every time.`);
  }
  const writing = words.find((w) => WRITING_WORDS.has(w));
  if (writing) throw new DatabaseError('not_read_only', `The read-only query tool does not run SQL containing ${writing}: it could change data or reach outside the database. Nothing was run. To change data, use "Change data in a database" (database.execute), which asks you every time.`);
  return { statement, firstWord: first };
}

/** Exactly one statement of any kind (the write tool); returns it without a trailing semicolon. */
export function checkSingleStatement(sql: string, engine: DatabaseEngine): { statement: string; firstWord: string } {
  const { statement, words } = single(sql, engine);
  return { statement, firstWord: words[0] ?? '' };
}

function single(sql: string, engine: DatabaseEngine): { statement: string; words: string[] } {
  const parsed = parseSql(sql, engine);
  if (parsed.statements.length === 0) throw new DatabaseError('empty', 'The SQL is empty (only spaces or comments). Write one statement, such as SELECT count(*) FROM employees. Nothing was run.');
  if (parsed.statements.length > 1) throw new DatabaseError('multiple_statements', `The SQL holds ${parsed.statements.length} statements separated by ";", and Steward runs one at a time so each can be checked. Send them one by one. Nothing was run.`);
  return { statement: parsed.statements[0]!, words: parsed.words[0]! };
}

function endOfLine(sql: string, i: number): number {
  const end = sql.indexOf('\n', i);
  return end === -1 ? sql.length : end + 1;
}

/** Past the closing quote; a doubled quote (and, in MySQL strings, a backslash) escapes it. */
function endOfQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    if (backslashEscapes && sql[j] === '\\') j += 2;
    else if (sql[j] === quote && sql[j + 1] === quote) j += 2;
    else if (sql[j] === quote) return j + 1;
    else j += 1;
  }
  return sql.length;
}

function stripComments(text: string): string {
  return text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim();
}
