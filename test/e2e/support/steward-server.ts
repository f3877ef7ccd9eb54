import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SERVE_ENTRY = 'src-main/server/serve-cli.ts';
const RENDERER_INDEX = path.join(REPO_ROOT, 'out/renderer/index.html');
/** The line `npm run serve` prints: "… Open the chat: http://127.0.0.1:<port>/chat/#token=<token>". */
const CHAT_URL = /(http:\/\/127\.0\.0\.1:(\d+)\/chat\/#token=([^\s]+))/;

/** The server serves the built renderer; build it once if this checkout has not been built. */
export function ensureRendererBuilt(): void {
  if (existsSync(RENDERER_INDEX)) return;
  const cli = path.join(REPO_ROOT, 'node_modules/.bin/electron-vite');
  const result = spawnSync(cli, ['build'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
  if (!existsSync(RENDERER_INDEX)) {
    throw new Error(
      `The chat page is not built (${path.relative(REPO_ROOT, RENDERER_INDEX)} is missing) and \`npx electron-vite build\` did not produce it ` +
        `(exit ${result.status ?? result.signal}). Run \`npm run build\` and look at its errors.\n${(result.stderr ?? '').slice(-2000)}`,
    );
  }
}

export interface StewardServer {
  chatUrl: string;
  origin: string;
  port: number;
  token: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
  /** Kills the process with SIGKILL (a crash: nothing is shut down) and waits until it is gone. */
  kill(): Promise<void>;
}

/**
 * Starts the real local server (`node --import tsx src-main/server/serve-cli.ts`) with its own
 * STEWARD_HOME and waits for the chat URL it prints. The keychain comes from the environment
 * (the suite runs under scripts/with-keyring.sh).
 */
export async function startStewardServer(options: { home: string; port?: number; timeoutMs?: number; env?: Record<string, string> }): Promise<StewardServer> {
  if (!existsSync(path.join(REPO_ROOT, SERVE_ENTRY))) throw new Error(`${SERVE_ENTRY} does not exist yet: the e2e test needs the local server host.`);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SERVE_ENTRY, '--port', String(options.port ?? 0)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, STEWARD_HOME: options.home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const found = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not print its chat URL within ${(options.timeoutMs ?? 60_000) / 1000}s`), options.timeoutMs ?? 60_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The Steward server ${why}. Its output:\n${output || '(nothing)'}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = CHAT_URL.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before printing its chat URL`));
  });
  // Keep draining the pipes so a chatty server never blocks on a full buffer.
  child.stdout?.on('data', () => {});
  child.stderr?.on('data', () => {});

  const [, chatUrl = '', port = '0', token = ''] = found;
  return {
    chatUrl,
    origin: `http://127.0.0.1:${port}`,
    port: Number(port),
    token,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
