/**
 * `npm run demo`: the HR onboarding demo. Starts the demo company's services (mail server,
 * calendar, HR system, and the pages that show them), seeds the separate demo profile — its own
 * data folder and keychain namespace, never your profile — and runs the local server on it.
 * Prints the chat link, the sentence to type and where to watch the results. Ctrl+C stops all.
 *   --port <n>   port for the chat (default: any free port)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { toStewardError } from '../core/errors.js';
import { defaultDataDir } from '../core/paths.js';
import { DEMO_COMPANY, DEMO_REQUEST } from '../core/demo/demo-company.js';
import { DEMO_PROFILE, demoDataDir } from '../core/demo/demo-mode.js';
import { startDemoServices } from '../core/demo/demo-services.js';
import { prepareDemoProfile } from '../core/demo/open-demo-profile.js';

const SERVE_ENTRY = fileURLToPath(new URL('../server/serve-cli.ts', import.meta.url));
const CHAT_URL = /Open the chat: (http:\/\/127\.0\.0\.1:\d+\/chat\/#token=\S+)/;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' } }, allowPositionals: false });
  const port = values.port ?? '0';
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    console.error(`steward demo: --port must be a whole number from 0 to 65535 (got "${port}").`);
    process.exit(2);
  }
  const dataDir = demoDataDir(defaultDataDir());
  const services = await startDemoServices();
  const stopServices = () => services.close().catch(() => undefined);
  try {
    await prepareDemoProfile(dataDir, services);
  } catch (err) {
    await stopServices();
    throw err;
  }

  const server = spawn(process.execPath, [...process.execArgv, SERVE_ENTRY, '--profile', DEMO_PROFILE, '--port', port], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    env: { ...process.env, ...services.serverEnv, STEWARD_HOME: dataDir, STEWARD_PROFILE: DEMO_PROFILE },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let printed = false;
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => {
    if (printed) return;
    output += chunk.toString();
    const url = CHAT_URL.exec(output)?.[1];
    if (!url) return;
    printed = true;
    console.log(
      [
        '',
        `Steward demo — ${DEMO_COMPANY.name}, a sample company in a separate demo profile (${path.join(dataDir, 'profiles', DEMO_PROFILE)}).`,
        `Open the chat: ${url}`,
        '',
        'Type:',
        `  ${DEMO_REQUEST}`,
        'When it waits for the Director, approve as the owner on her behalf: type /onboarding approve (or use Workflows › Waiting for you).',
        '',
        'Watch what Steward does in the demo company:',
        `  Inbox:      ${services.links.inbox}`,
        `  Calendar:   ${services.links.calendar}`,
        `  HR system:  ${services.links.hris}`,
        '',
        'Ctrl+C stops the demo. Your own profile, keys and settings are not touched.',
      ].join('\n'),
    );
  });
  const stop = (signal: NodeJS.Signals) => {
    server.kill(signal);
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  server.once('exit', (code, signal) => {
    if (!printed) console.error(`steward demo: the server stopped before it was ready (${code ?? signal}).\n${output}`);
    void stopServices().then(() => process.exit(code ?? (signal ? 1 : 0)));
  });
}

main().catch((err: unknown) => {
  console.error(`steward demo: ${toStewardError(err).userMessage}`);
  process.exit(1);
});
