// The test runner behind `npm test`: vitest inside a keyring session (keytar needs a real Secret
// Service), then one closing line "N passed, N failed" for CI logs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root, withKeyring } from './host-env.mjs';

mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
const report = path.join(root, 'test-artifacts', 'vitest-report.json');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = withKeyring(process.execPath, args);
const result = spawnSync(run.command, run.args, { cwd: root, stdio: 'inherit' });
try {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = summary.numPendingTests + (summary.numTodoTests ?? 0);
  // A file whose setup failed has no failed test, only skipped ones: say so, or the line reads green.
  const brokenFiles = summary.numFailedTestSuites ?? 0;
  console.log(`${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}${brokenFiles ? ` (${brokenFiles} test file${brokenFiles === 1 ? '' : 's'} failed)` : ''}`);
} catch {
  console.log('0 passed, 1 failed');
}
process.exit(result.status ?? 1);
