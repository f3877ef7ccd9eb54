/**
 * Real PostgreSQL and MariaDB servers for the database connector tests (DESIGN §5: where a real
 * server exists as a package, tests use it). Each server gets a fresh data directory under the
 * system temp folder and a free port, is tuned to start fast (no fsync, small buffers) and is
 * always stopped: by the test's afterAll and, should the worker die first, by a process 'exit'
 * hook. Where the Debian binaries are missing, `findPostgres()` / `findMariadb()` say so and the
 * tests skip with that message instead of failing or passing silently.
 *
 * Tests run as root here and in CI: PostgreSQL refuses to run as root, so initdb and postgres run
 * as the `postgres` system user over a data dir it owns; mariadbd is started with --user=root.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';

export interface RunningServer {
  host: string;
  port: number;
  /** A superuser that can create roles and databases. */
  adminUser: string;
  adminPassword: string;
  /** Stops the server and deletes its data dir; safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<() => void>();
process.once('exit', () => {
  for (const kill of running) kill();
});

export function findPostgres(): { binDir: string } | { missing: string } {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) return { missing: 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres): apt-get install postgresql to run these tests.' };
  if (!isRoot()) return { binDir: path.join(root, versions[0]!, 'bin') };
  const user = spawnSync('id', ['-u', 'postgres']);
  if (user.status !== 0) return { missing: 'The postgres system user is missing (the postgresql package creates it); PostgreSQL will not run as root.' };
  return { binDir: path.join(root, versions[0]!, 'bin') };
}

export function findMariadb(): { mariadbd: string; installDb: string } | { missing: string } {
  const mariadbd = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((p) => existsSync(p));
  const installDb = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'].find((p) => existsSync(p));
  if (!mariadbd || !installDb) return { missing: 'MariaDB is not installed (no /usr/sbin/mariadbd or mariadb-install-db): apt-get install mariadb-server to run these tests.' };
  return { mariadbd, installDb };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** initdb + postgres on a free port, password auth for TCP (so a wrong password is really refused). */
export async function startPostgres(): Promise<RunningServer> {
  const found = findPostgres();
  if ('missing' in found) throw new Error(found.missing);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-pg-'));
  const data = path.join(dir, 'data');
  const adminPassword = 'admin-secret';
  const pwFile = path.join(dir, 'pw');
  writeFileSync(pwFile, adminPassword);
  chmodSync(dir, 0o755);
  const asPostgres = (bin: string, args: string[]) => (isRoot() ? { cmd: 'runuser', args: ['-u', 'postgres', '--', path.join(found.binDir, bin), ...args] } : { cmd: path.join(found.binDir, bin), args });
  if (isRoot()) {
    const ids = postgresIds();
    chownSync(dir, ids.uid, ids.gid);
    chownSync(pwFile, ids.uid, ids.gid);
  }
  const init = asPostgres('initdb', ['-D', data, '-U', 'postgres', '--pwfile', pwFile, '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const initRun = spawnSync(init.cmd, init.args, { encoding: 'utf8' });
  if (initRun.status !== 0) throw new Error(`initdb failed: ${initRun.stderr || initRun.stdout}`);
  const port = await freePort();
  const start = asPostgres('postgres', ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'shared_buffers=16MB', '-c', 'max_connections=30', '-c', 'max_wal_size=64MB']);
  const child = spawn(start.cmd, start.args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const log = collect(child);
  const server = track(child, dir, { host: '127.0.0.1', port, adminUser: 'postgres', adminPassword }, () => postmasterPid(data));
  await waitForPort(port, child, log, 'postgres');
  // The postmaster listens before it accepts sessions ("the database system is starting up").
  await untilReady(async () => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: adminPassword, database: 'postgres' });
    await client.connect();
    await client.end();
  });
  return server;
}

/** mariadb-install-db + mariadbd on a free port, root with a password over TCP. */
export async function startMariadb(): Promise<RunningServer> {
  const found = findMariadb();
  if ('missing' in found) throw new Error(found.missing);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-maria-'));
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  const adminPassword = 'admin-secret';
  const init = spawnSync(found.installDb, ['--no-defaults', `--datadir=${data}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve'], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr || init.stdout}`);
  // The root password is set by an init file on first start, so nothing ever runs without one over TCP.
  const initFile = path.join(dir, 'init.sql');
  writeFileSync(initFile, `ALTER USER 'root'@'localhost' IDENTIFIED BY '${adminPassword}';\nCREATE USER IF NOT EXISTS 'root'@'127.0.0.1';\nALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '${adminPassword}';\nGRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n`);
  const port = await freePort();
  const child = spawn(
    found.mariadbd,
    ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, `--port=${port}`, '--bind-address=127.0.0.1', '--user=root', `--init-file=${initFile}`, '--skip-name-resolve', '--innodb-buffer-pool-size=16M', '--innodb-log-file-size=8M', '--innodb-flush-log-at-trx-commit=0', '--innodb-doublewrite=0', '--skip-log-bin', '--max-connections=30', `--pid-file=${path.join(dir, 'mysqld.pid')}`, `--log-error=${path.join(dir, 'error.log')}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const log = collect(child);
  const server = track(child, dir, { host: '127.0.0.1', port, adminUser: 'root', adminPassword }, () => child.pid ?? null);
  await waitForPort(port, child, log, 'mariadbd', path.join(dir, 'error.log'));
  await untilReady(async () => {
    const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', password: adminPassword });
    await connection.end();
  });
  return server;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid };
}

function collect(child: ChildProcess): string[] {
  const lines: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  return lines;
}

/**
 * The data is thrown away, so shutdown need not be graceful: PostgreSQL's postmaster gets SIGQUIT
 * (immediate shutdown, its backends follow) read from its pid file — runuser does not pass signals
 * on — and mariadbd, our own child, gets SIGKILL.
 */
function track(child: ChildProcess, dir: string, info: Omit<RunningServer, 'stop'>, serverPid: () => number | null): RunningServer {
  const signalServer = () => {
    const pid = serverPid();
    try {
      if (pid !== null) process.kill(pid, child.pid === pid ? 'SIGKILL' : 'SIGQUIT');
    } catch {
      // already gone
    }
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const killNow = () => {
    signalServer();
    rmSync(dir, { recursive: true, force: true });
  };
  running.add(killNow);
  const watchdog = startWatchdog(dir, child.pid);
  return {
    ...info,
    async stop() {
      running.delete(killNow);
      watchdog.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        signalServer();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The test worker can be killed without its 'exit' hooks running (a timeout, Ctrl+C): a detached
 * shell polls for it and, once it is gone, stops the server and deletes the data dir.
 */
function startWatchdog(dir: string, childPid: number | undefined): ChildProcess {
  const killChild = childPid && childPid > 1 ? `kill -KILL ${childPid} 2>/dev/null;` : '';
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; p=$(head -n1 '${dir}/data/postmaster.pid' 2>/dev/null); [ -n "$p" ] && kill -QUIT "$p" 2>/dev/null; ${killChild} sleep 2; rm -rf '${dir}'`;
  const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

function postmasterPid(data: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function waitForPort(port: number, child: ChildProcess, log: string[], name: string, errorLog?: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited before it listened (code ${child.exitCode}): ${log.join('').slice(-2000)}${errorLog && existsSync(errorLog) ? spawnSync('tail', ['-n', '30', errorLog], { encoding: 'utf8' }).stdout : ''}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not listen on port ${port} within 60 s: ${log.join('').slice(-2000)}`);
}

async function untilReady(attempt: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
