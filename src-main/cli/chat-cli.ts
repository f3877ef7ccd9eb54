/**
 * `npm run chat`: talk to Steward in a plain terminal (or pipe lines in). Same core as the app.
 *   --profile <p>   profile name (default: STEWARD_PROFILE or "default")
 */
import { parseArgs } from 'node:util';
import { toStewardError } from '../core/errors.js';
import { createNodeCore } from '../core/node-runtime.js';
import { runChatRepl } from './chat-repl.js';
import { captureConsole } from './console-to-log.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { profile: { type: 'string' }, conversation: { type: 'string' } } });
  const consoleCapture = captureConsole();
  let core;
  try {
    core = await createNodeCore('cli', { profile: values.profile });
  } catch (err) {
    consoleCapture.restore();
    throw err;
  }
  consoleCapture.attach(core.log);
  try {
    await runChatRepl({ core, input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY), conversationId: values.conversation });
  } finally {
    await core.close();
    consoleCapture.restore();
  }
}

main().catch((err: unknown) => {
  console.error(`steward: ${toStewardError(err).userMessage}`);
  process.exit(1);
});
