// Types for test-summary.mjs (plain JS so it runs before anything is built).
export interface VitestJsonReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { name: string; status: string; message?: string; assertionResults?: { status: string; ancestorTitles?: string[]; fullName?: string }[] }[];
}

export function summarizeReport(report: VitestJsonReport, root: string): string[];
