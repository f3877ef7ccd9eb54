/**
 * "Try the demo" in the local server: starts the demo host (src-main/cli/demo-cli.ts, what
 * `npm run demo` runs) as a child process with the same Node and loader as this server, and
 * answers with the chat link it prints. One demo at a time; it stops when this server stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DemoLauncher } from '../core/demo/demo-launcher.js';
import { StewardError } from '../core/errors.js';

const DEMO_ENTRY = fileURLToPath(new URL('../cli/demo-cli.ts', import.meta.url));
const CHAT_URL = /Open the chat: (http:\/\/127\.0\.0\.1:\d+\/chat\/#token=\S+)/;
const START_TIMEOUT_MS = 120_000;

export function createDemoProcessLauncher(): DemoLauncher & { stop(): void } {
  let child: ChildProcess | null = null;
  let started: Promise<{ chatUrl: string }> | null = null;
  const stop = () => {
    child?.kill('SIGTERM');
    child = null;
    started = null;
  };
  process.once('exit', stop);
  return {
    stop,
    start() {
      if (started) return started;
      // The demo picks its own profile and keychain namespace; this server's profile must not leak in.
      const env = { ...process.env };
      delete env.STEWARD_PROFILE;
      const proc = spawn(process.execPath, [...process.execArgv, DEMO_ENTRY, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      started = new Promise<{ chatUrl: string }>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000} seconds`), START_TIMEOUT_MS);
        function fail(why: string) {
          clearTimeout(timer);
          proc.kill('SIGTERM');
          if (child === proc) stop();
          const tail = output.trim().split('\n').slice(-3).join(' ');
          reject(new StewardError('internal', `The demo ${why}.${tail ? ` It said: ${tail}` : ''} Try \`npm run demo\` in a terminal to see why.`));
        }
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const url = CHAT_URL.exec(output)?.[1];
          if (url) {
            clearTimeout(timer);
            resolve({ chatUrl: url });
          }
        };
        proc.stdout?.on('data', onData);
        proc.stderr?.on('data', onData);
        proc.once('exit', (code, signal) => {
          if (child === proc) {
            child = null;
            started = null;
          }
          fail(`stopped (${code ?? signal})`);
        });
      });
      return started;
    },
  };
}
