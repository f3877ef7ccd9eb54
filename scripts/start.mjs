// `npm start`: build, then launch the desktop app; where Electron or a display is missing, say so
// in one line and run the local server instead.
import { spawn, spawnSync } from 'node:child_process';
import { electronLaunchability, forwardSignalsTo, root, withKeyring } from './host-env.mjs';

const build = spawnSync(process.execPath, [`${root}/node_modules/electron-vite/bin/electron-vite.js`, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('steward: the build failed (see above). Fix it, or run `npm run build` for the full log.');
  process.exit(build.status ?? 1);
}

const electron = electronLaunchability();
const forward = process.argv.slice(2);
const run = electron.ok
  ? { command: electron.binary, args: ['.', ...forward] }
  : (console.log(`steward: Electron can't start here (${electron.reason}) — starting the local server instead.`),
    withKeyring(process.execPath, ['--import', 'tsx', 'src-main/server/serve-cli.ts', ...forward]));

const child = spawn(run.command, run.args, { cwd: root, stdio: 'inherit' });
forwardSignalsTo(child);
