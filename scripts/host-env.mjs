// Shared by the launch scripts: decides whether a private keyring session is needed and whether
// Electron can start here. Plain JS so it runs before anything is built.
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
