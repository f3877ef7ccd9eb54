/**
 * Where the llama-server binary is: the path in settings, else the build of
 * scripts/build-llama-cpp-tools.mjs (a CUDA build preferred over the CPU one).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LlamaServerMissingError } from './llama-server-errors.js';

/** The folder the build script uses (node_modules/.cache/steward-llama-cpp of this install). */
export function defaultLlamaCppToolsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'node_modules', '.cache', 'steward-llama-cpp');
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The built llama.cpp program `name` (llama-server, llama-bench, llama-batched-bench), or null. */
export function findBuiltLlamaCppTool(name: string, toolsDir = defaultLlamaCppToolsDir()): string | null {
  const exe = process.platform === 'win32' ? `${name}.exe` : name;
  for (const build of ['build-cuda', 'build-cpu']) {
    const candidate = path.join(toolsDir, build, 'bin', exe);
    if (isFile(candidate)) return candidate;
  }
  return null;
}

/** Throws LlamaServerMissingError, naming the path it looked at and the command that builds it. */
export function resolveLlamaServerBinary(setting: string | null, toolsDir = defaultLlamaCppToolsDir()): string {
  if (setting) {
    if (!isFile(setting)) throw new LlamaServerMissingError(setting, true);
    return setting;
  }
  const found = findBuiltLlamaCppTool('llama-server', toolsDir);
  if (!found) throw new LlamaServerMissingError(path.join(toolsDir, 'build-cpu', 'bin', 'llama-server'), false);
  return found;
}
