import type { AgentRole } from '../../../src-preload/contract.js';

/** "Iteration 2/3: refining based on feedback", as the task runner announces a revision. */
export interface IterationInfo {
  current: number;
  total: number;
  /** What the iteration is about ("refining based on feedback"), or null. */
  detail: string | null;
}

const ITERATION = /\bIteration\s+(\d+)\s*\/\s*(\d+)(?:\s*[:—-]\s*(.+))?/i;

export function parseIteration(text: string): IterationInfo | null {
  const match = ITERATION.exec(text);
  if (!match) return null;
  const current = Number(match[1]);
  const total = Number(match[2]);
  if (!Number.isFinite(current) || !Number.isFinite(total) || current < 1 || total < 1) return null;
  return { current, total, detail: match[3]?.trim() || null };
}

export const AGENT_NAMES: Record<AgentRole, string> = { manager: 'Manager', supervisor: 'Supervisor', employee: 'Employee' };

/** What each agent is usually doing, when its status line says nothing more specific. */
const DEFAULT_VERB: Record<AgentRole, string> = { manager: 'planning', supervisor: 'reviewing', employee: 'working' };

/** Ordered: the first pattern that fits the status text names the work. */
const EMPLOYEE_VERBS: [RegExp, string][] = [
  [/\b(code|script|program|function|deploy|website|html|css|\w+\.(?:ts|js|py|sh|html|css))\b/i, 'writing code'],
  [/\b(e-?mail|send_email|reply)\b/i, 'writing an email'],
  [/\b(document|docx|letter|report|spreadsheet|xlsx|pdf|write_note|note)\b/i, 'writing a document'],
  [/\b(search|look(?:ing)? up|browse|fetch)\b/i, 'looking things up'],
  [/\b(refin|revis|iteration)/i, 'refining the work'],
];

/**
 * The typing indicator's words for an agent.status line: "Manager is planning…",
 * "Employee is writing code…", "Supervisor is reviewing…".
 */
export function typingPhrase(role: AgentRole, text: string): string {
  let verb = DEFAULT_VERB[role];
  if (role === 'employee') verb = EMPLOYEE_VERBS.find(([pattern]) => pattern.test(text))?.[1] ?? verb;
  return `${AGENT_NAMES[role]} is ${verb}…`;
}
