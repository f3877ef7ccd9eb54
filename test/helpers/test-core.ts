import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../src-main/core/app.js';
import type { Core } from '../../src-main/core/core-types.js';
import type { HostFiles, SecretStore } from '../../src-main/core/ports.js';
import { createMemorySecretStore } from '../../src-main/core/security/memory-secret-store.js';

export interface TestCore {
  core: Core;
  dataDir: string;
  secrets: SecretStore;
  /** Closes the core and deletes its data directory. */
  dispose(): Promise<void>;
}

export function tempDir(prefix = 'steward-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real core (real encrypted SQLite on disk) with in-memory secrets, in its own temp data dir. */
export async function createTestCore(
  options: { dataDir?: string; secrets?: SecretStore; profile?: string; installAgent?: boolean; hostFiles?: HostFiles } = {},
): Promise<TestCore> {
  const dataDir = options.dataDir ?? tempDir();
  const secrets = options.secrets ?? createMemorySecretStore();
  const core = await createCore({ profile: options.profile ?? 'default', host: 'test', version: '0.0.0-test', dataDir, installAgent: options.installAgent }, { secrets, ...(options.hostFiles && { hostFiles: options.hostFiles }) });
  return {
    core,
    dataDir,
    secrets,
    async dispose() {
      await core.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
