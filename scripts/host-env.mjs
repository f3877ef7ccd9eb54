// Shared by the launch scripts: decides whether a private keyring session is needed and whether
// Electron can start here. Plain JS so it runs before anything is built.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Linux without a session bus has no Secret Service; wrap the command in scripts/with-keyring.sh. */
export function needsKeyringSession(env = process.env) {
  return process.platform === 'linux' && !env.DBUS_SESSION_BUS_ADDRESS && env.STEWARD_IN_KEYRING_SESSION !== '1';
}

export function withKeyring(command, args, env = process.env) {
  return needsKeyringSession(env) ? { command: path.join(root, 'scripts', 'with-keyring.sh'), args: [command, ...args] } : { command, args };
}

/** Returns the Electron binary path, or a one-line reason it cannot be launched here. */
export function electronLaunchability(env = process.env) {
  let binary;
  try {
    binary = createRequire(path.join(root, 'package.json'))('electron');
  } catch {
    return { ok: false, reason: 'the Electron binary is not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, or its download failed)' };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { ok: false, reason: 'the Electron binary is not installed' };
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { ok: false, reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  return { ok: true, binary };
}

/** Every process below `pid` (children first found, then theirs), from `ps`; empty where ps is missing. */
export function descendantsOf(pid) {
  const ps = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  if (ps.status !== 0) return [];
  const children = new Map();
  for (const line of ps.stdout.split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!child || !parent) continue;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(child);
  }
  const found = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Passes a signal to a launched host and everything it started. Signalling only the direct child
 * is not enough: dbus-run-session (scripts/with-keyring.sh) dies without passing it on, which left
 * the server, the session bus and the keyring daemon running after `npm start` was stopped.
 */
export function stopProcessTree(child, signal) {
  if (process.platform === 'win32' || !child.pid) {
    child.kill(signal);
    return;
  }
  for (const pid of [child.pid, ...descendantsOf(child.pid)]) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Forwards SIGINT, SIGTERM and SIGHUP to the child's whole tree, then exits with the child. */
export function forwardSignalsTo(child) {
  // A hangup (terminal closed) means stop: passed on as SIGTERM, since dbus-daemon takes SIGHUP as "reload" and stays.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopProcessTree(child, signal === 'SIGHUP' ? 'SIGTERM' : signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}
