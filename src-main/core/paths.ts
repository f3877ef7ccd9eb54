import os from 'node:os';
import path from 'node:path';

/** Where a profile keeps its files. */
export interface AppPaths {
  /** Root of all Steward data: STEWARD_HOME, or the OS convention. */
  dataDir: string;
  profileDir: string;
  databasePath: string;
  /** Sidecar describing the database (key fingerprint, created-at); never holds the key. */
  databaseInfoPath: string;
  workspaceDir: string;
  modelsDir: string;
  logsDir: string;
  /** The current log file; rotated ones sit beside it as steward.log.1, .2, … */
  logFile: string;
}

/**
 * The data directory by OS convention: XDG on Linux, Application Support on macOS, %APPDATA% on
 * Windows; STEWARD_HOME overrides all of them (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.STEWARD_HOME) return path.resolve(env.STEWARD_HOME);
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Steward');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Steward');
    default:
      return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'steward');
  }
}

const PROFILE_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

export function resolvePaths(dataDir: string, profile: string): AppPaths {
  const profileDir = path.join(dataDir, 'profiles', profile);
  return {
    dataDir,
    profileDir,
    databasePath: path.join(profileDir, 'steward.db'),
    databaseInfoPath: path.join(profileDir, 'steward.db.json'),
    workspaceDir: path.join(profileDir, 'workspace'),
    modelsDir: path.join(dataDir, 'models'),
    logsDir: path.join(profileDir, 'logs'),
    logFile: path.join(profileDir, 'logs', 'steward.log'),
  };
}
