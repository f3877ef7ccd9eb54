/**
 * The closing lines of `npm test` (scripts/test-summary.mjs), worked out from a real vitest JSON
 * report: failed files are counted as files (not describe blocks), files that broke before any
 * test could fail are named, and browser suites skipped for a missing Chromium (through the real
 * e2e helper) say so loudly and why.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeReport, type VitestJsonReport } from '../../../scripts/test-summary.mjs';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
// The browser suites below use the real e2e helper, pointed at a Chromium that is not there.
const ABSENT_CHROMIUM = '/nonexistent/chromium';
const MISSING = `Chromium is not installed at ${ABSENT_CHROMIUM} — install Debian's package (apt-get install chromium) to run the browser tests.`;
const E2E_HELPER = path.join(REPO_ROOT, 'test/e2e/support/chromium.ts');

// A small project of test files, each failing (or not) in one of the ways the summary must tell apart.
const FILES: Record<string, string> = {
  'test/unit/two-failing-blocks.test.ts': `import { describe, expect, it } from 'vitest';
describe('block one', () => { it('fails', () => expect(1).toBe(2)); it('passes', () => {}); });
describe('block two', () => { it('fails too', () => expect(1).toBe(3)); });
describe('block three', () => { it('passes', () => {}); });`,
  'test/unit/import-throws.test.ts': `import { it } from 'vitest';
throw new Error('a module this file imports is missing');
it('never runs', () => {});`,
  'test/unit/hook-throws.test.ts': `import { beforeAll, describe, it } from 'vitest';
describe('needs a server', () => { beforeAll(() => { throw new Error('the server did not start'); }); it('talks to it', () => {}); });`,
  'test/e2e/chat.test.ts': `import { it } from 'vitest';
import { describeInChromium } from ${JSON.stringify(E2E_HELPER)};
describeInChromium('chat page in Chromium', () => { it('sends a message', () => {}); it('shows the reply', () => {}); });`,
  'test/e2e/dashboards.test.ts': `import { it } from 'vitest';
import { describeInChromium } from ${JSON.stringify(E2E_HELPER)};
describeInChromium('dashboards in Chromium', () => { it('shows the memory screen', () => {}); });`,
  'test/unit/green.test.ts': `import { it } from 'vitest';
it('passes', () => {});
it.skip('is skipped on purpose', () => {});`,
};

let project: string;
let report: VitestJsonReport;
let output: string;

beforeAll(() => {
  // Inside the repository, so the files resolve 'vitest' from its node_modules; test-artifacts is git-ignored.
  mkdirSync(path.join(REPO_ROOT, 'test-artifacts'), { recursive: true });
  project = mkdtempSync(path.join(REPO_ROOT, 'test-artifacts', 'summary-project-'));
  for (const [file, source] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), source);
  }
  writeFileSync(path.join(project, 'vitest.config.mjs'), `export default { test: { include: ['test/**/*.test.ts'], environment: 'node' } };\n`);
  const reportFile = path.join(project, 'report.json');
  const vitest = path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const run = spawnSync(process.execPath, [vitest, 'run', '--root', project, '--maxWorkers=1', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`], {
    cwd: project,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, STEWARD_E2E_CHROMIUM: ABSENT_CHROMIUM, CI: '' },
  });
  expect(run.status, run.stderr).toBe(1);
  output = run.stdout + run.stderr;
  report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestJsonReport;
}, 150_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the closing summary of npm test', () => {
  it('counts failed tests and names the files that failed to run, not describe blocks', () => {
    const [first] = summarizeReport(report, project);
    // vitest's own suite count would say 3 blocks + 3 files failed; the summary counts files.
    expect(first).toBe('3 passed, 2 failed, 5 skipped; 2 test files failed to run: test/unit/hook-throws.test.ts, test/unit/import-throws.test.ts');
  });

  it('a browser suite without Chromium says so in the test output, naming the binary and how to install it', () => {
    expect(output).toContain(`[e2e] SKIPPED "chat page in Chromium": ${MISSING}`);
    expect(output).toContain(`[e2e] SKIPPED "dashboards in Chromium": ${MISSING}`);
  });

  it('says which browser suites were skipped and why, with the install command', () => {
    const lines = summarizeReport(report, project);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`2 browser (e2e) test files were skipped (test/e2e/chat.test.ts, test/e2e/dashboards.test.ts) — ${MISSING}`);
  });

  it('reads green, with no extra lines, when every file ran and nothing browser-side was skipped', () => {
    const green: VitestJsonReport = {
      numPassedTests: 2,
      numFailedTests: 0,
      numPendingTests: 0,
      testResults: [{ name: path.join(project, 'test/unit/green.test.ts'), status: 'passed', assertionResults: [{ status: 'passed' }, { status: 'passed' }] }],
    };
    expect(summarizeReport(green, project)).toEqual(['2 passed, 0 failed']);
  });

  it('names a single file that failed to run in the singular', () => {
    const one: VitestJsonReport = {
      numPassedTests: 0,
      numFailedTests: 0,
      testResults: [{ name: path.join(project, 'test/unit/import-throws.test.ts'), status: 'failed', message: 'boom', assertionResults: [] }],
    };
    expect(summarizeReport(one, project)).toEqual(['0 passed, 0 failed; 1 test file failed to run: test/unit/import-throws.test.ts']);
  });
});
