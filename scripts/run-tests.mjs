// The test runner behind `npm test`: vitest inside a keyring session (keytar needs a real Secret
// Service), then a closing line "N passed, N failed" for CI logs (see test-summary.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { root, withKeyring } from './host-env.mjs';
import { summarizeReport } from './test-summary.mjs';

mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
const report = path.join(root, 'test-artifacts', 'vitest-report.json');
// A report left by an earlier run must not be summarised as this one's.
rmSync(report, { force: true });
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = withKeyring(process.execPath, args);
const result = spawnSync(run.command, run.args, { cwd: root, stdio: 'inherit' });
let lines;
try {
  lines = summarizeReport(JSON.parse(readFileSync(report, 'utf8')), root);
} catch (err) {
  lines = [`0 passed, 1 failed; vitest wrote no readable report (${err instanceof Error ? err.message : String(err)})`];
}
for (const line of lines) console.log(line);
process.exit(result.status ?? 1);
