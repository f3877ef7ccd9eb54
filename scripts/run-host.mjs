// Runs a plain-Node host (server or terminal chat) from source, inside a private keyring session
// when the machine has no Secret Service of its own. Usage: node scripts/run-host.mjs serve|chat|salvage|demo [args]
import { spawn } from 'node:child_process';
import { forwardSignalsTo, root, withKeyring } from './host-env.mjs';

const entries = { serve: 'src-main/server/serve-cli.ts', chat: 'src-main/cli/chat-cli.ts', salvage: 'src-main/cli/salvage-cli.ts', demo: 'src-main/cli/demo-cli.ts' };
const [which, ...args] = process.argv.slice(2);
if (!entries[which]) {
  console.error('usage: node scripts/run-host.mjs serve|chat|salvage|demo [args]');
  process.exit(2);
}
const run = withKeyring(process.execPath, ['--import', 'tsx', entries[which], ...args]);
const child = spawn(run.command, run.args, { cwd: root, stdio: 'inherit' });
forwardSignalsTo(child);
