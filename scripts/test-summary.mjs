// The closing lines of `npm test`, worked out from vitest's JSON report. Kept apart from the
// runner so its counting can be unit-tested without running vitest inside vitest.
import path from 'node:path';

/**
 * @typedef {{ status: string, ancestorTitles?: string[], fullName?: string }} AssertionResult
 * @typedef {{ name: string, status: string, message?: string, assertionResults?: AssertionResult[] }} FileResult
 * @typedef {{ numPassedTests?: number, numFailedTests?: number, numPendingTests?: number, numTodoTests?: number, testResults?: FileResult[] }} VitestJsonReport
 */

const SKIPPED = new Set(['skipped', 'pending', 'todo', 'disabled']);
// E2E suites put why they were skipped in their title: "chat page (skipped: Chromium is not installed …)".
const SKIP_REASON = /\(skipped: (.+)\)\s*$/;

/**
 * Counts by file, not by describe block: vitest's numFailedTestSuites counts every failed describe
 * block, so one file with three failing blocks read as "3 test files failed". A file "failed to
 * run" when vitest marked it failed but none of its tests failed: its import, setup or a hook broke,
 * and its tests show as skipped — the line must say so or it reads green.
 *
 * @param {VitestJsonReport} report
 * @param {string} root the repository root, to print file names relative to it
 * @returns {string[]} the lines to print, the first being "N passed, N failed…"
 */
export function summarizeReport(report, root) {
  // Sorted by name: vitest lists files in the order they finished, which changes run to run.
  const files = [...(report.testResults ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const rel = (file) => path.relative(root, file) || file;
  const failedToRun = files.filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);

  let first = `${report.numPassedTests ?? 0} passed, ${report.numFailedTests ?? 0} failed${skipped ? `, ${skipped} skipped` : ''}`;
  if (failedToRun.length > 0) {
    first += `; ${failedToRun.length} test file${failedToRun.length === 1 ? '' : 's'} failed to run: ${failedToRun.map((f) => rel(f.name)).join(', ')}`;
  }
  const lines = [first];

  const skippedE2e = files.filter((f) => isE2e(rel(f.name)) && f.status !== 'failed' && (f.assertionResults ?? []).length > 0 && (f.assertionResults ?? []).every((a) => SKIPPED.has(a.status)));
  if (skippedE2e.length > 0) {
    const reasons = [...new Set(skippedE2e.map(skipReason).filter((r) => r !== null))];
    const why = reasons.length > 0 ? reasons.join('; ') : 'every test in them was skipped';
    lines.push(`${skippedE2e.length} browser (e2e) test file${skippedE2e.length === 1 ? ' was' : 's were'} skipped (${skippedE2e.map((f) => rel(f.name)).join(', ')}) — ${why}`);
  }
  return lines;
}

function isE2e(relativeName) {
  return relativeName.split(path.sep).join('/').startsWith('test/e2e/');
}

/** @param {FileResult} file */
function skipReason(file) {
  for (const assertion of file.assertionResults ?? []) {
    for (const title of assertion.ancestorTitles ?? []) {
      const match = SKIP_REASON.exec(title);
      if (match) return match[1];
    }
  }
  return null;
}
