/**
 * The statement check in front of the read-only query tool: one reading statement, no writing
 * word outside strings, quoted names and comments; the SQL dialects' own quoting respected.
 */
import { describe, expect, it } from 'vitest';
import { checkReadOnlySql, checkSingleStatement, parseSql } from '../../../src-main/core/integrations/database/sql-statement.js';

const refused = (sql: string, engine: 'sqlite' | 'postgres' | 'mysql' = 'postgres') => {
  try {
    checkReadOnlySql(sql, engine);
    return null;
  } catch (err) {
    return (err as { kind: string; userMessage: string }).kind;
  }
};

describe('the read-only statement check', () => {
  it('accepts one reading statement, with or without a trailing semicolon', () => {
    expect(checkReadOnlySql('  select count(*) from employees ;  ', 'postgres')).toEqual({ statement: 'select count(*) from employees', firstWord: 'SELECT' });
    expect(checkReadOnlySql('WITH q AS (SELECT 1) SELECT * FROM q', 'sqlite').firstWord).toBe('WITH');
    expect(checkReadOnlySql('EXPLAIN SELECT 1', 'mysql').firstWord).toBe('EXPLAIN');
    expect(checkReadOnlySql('SHOW TABLES', 'mysql').firstWord).toBe('SHOW');
    expect(checkReadOnlySql('SELECT replace(name, \'a\', \'b\') AS updated_name, "delete" FROM t', 'postgres').firstWord).toBe('SELECT');
  });

  it('refuses statements that write, whatever their case or hiding place', () => {
    for (const sql of ['DELETE FROM employees', 'update employees set salary = 0', 'DROP TABLE employees', 'PRAGMA writable_schema = 1', 'CALL wipe()', 'SET ROLE admin', 'BEGIN']) expect(refused(sql), sql).toBe('not_read_only');
    expect(refused('WITH d AS (DELETE FROM e RETURNING *) SELECT * FROM d')).toBe('not_read_only');
    expect(refused('SELECT * INTO backup FROM employees')).toBe('not_read_only');
    expect(refused("SELECT pg_terminate_backend(42)")).toBe('not_read_only');
    expect(refused("SELECT * FROM employees INTO OUTFILE '/tmp/x'", 'mysql')).toBe('not_read_only');
    expect(refused('SELECT 1 /*! ; DROP TABLE employees */', 'mysql')).toBe('not_read_only');
    expect(refused('SHOW TABLES', 'sqlite')).toBe('not_read_only');
  });

  it('counts statements outside strings, quoted names and comments', () => {
    expect(refused('SELECT 1; SELECT 2')).toBe('multiple_statements');
    expect(refused('SELECT 1;; DROP TABLE x')).toBe('multiple_statements');
    expect(refused("SELECT ';' AS semi -- ; DROP TABLE x")).toBeNull();
    expect(refused("SELECT 'it''s; fine'")).toBeNull();
    expect(refused("SELECT 'it\\'s; fine'", 'mysql')).toBeNull();
    expect(refused('SELECT $tag$; DROP TABLE x$tag$')).toBeNull();
    expect(refused('SELECT [odd;name] FROM t', 'sqlite')).toBeNull();
    expect(refused('SELECT `odd;name` FROM t', 'mysql')).toBeNull();
    expect(refused('  ; -- nothing here')).toBe('empty');
    expect(parseSql('SELECT 1; /* c */ ; SELECT 2', 'postgres').statements).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('the write tool takes exactly one statement of any kind', () => {
    expect(checkSingleStatement('INSERT INTO t VALUES (1);', 'sqlite')).toEqual({ statement: 'INSERT INTO t VALUES (1)', firstWord: 'INSERT' });
    expect(() => checkSingleStatement('DELETE FROM a; DELETE FROM b', 'sqlite')).toThrow(/holds 2 statements/);
  });
});
