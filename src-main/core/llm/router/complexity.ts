/**
 * How hard a model call looks, from 0 (trivial) to 1 (hard), for the router's "should this go to
 * the cloud?" rule. Deliberately simple and explainable; every weight is named here:
 *   - role: the Manager plans whole tasks, so it starts highest;
 *   - input length: long contexts need a model that keeps track of more (≈ chars / 4 tokens);
 *   - tools offered and structured (JSON) output both add a little;
 *   - an explicit request.complexity replaces the estimate from role, length and tools;
 *   - earlier failures on the same task raise it, so a task the local model keeps failing moves up.
 */
import type { CallerRole, ChatMessage } from '../provider.js';

export interface ComplexityInput {
  role: CallerRole | undefined;
  messages: ChatMessage[];
  toolCount: number;
  /** chatJson: the answer must match a schema. */
  structured: boolean;
  /** request.complexity, when the caller knows better. */
  explicit?: number;
  /** Failed or fallen-back calls earlier in the same task. */
  earlierFailures: number;
}

export const ROLE_BASE: Readonly<Record<CallerRole, number>> = {
  manager: 0.35,
  supervisor: 0.2,
  employee: 0.15,
  question: 0.1,
  other: 0.1,
  conversation: 0.05,
  intent: 0.05,
  memory: 0.05,
};

/** Prompt size (in approximate tokens) at which length contributes its full weight. */
export const LONG_PROMPT_TOKENS = 6000;
export const LENGTH_WEIGHT = 0.35;
export const PER_TOOL = 0.02;
export const TOOLS_MAX = 0.1;
export const STRUCTURED_WEIGHT = 0.05;
export const PER_FAILURE = 0.2;
export const FAILURES_MAX = 0.4;

export function estimateComplexity(input: ComplexityInput): number {
  const base = input.explicit ?? heuristic(input);
  const failures = Math.min(FAILURES_MAX, PER_FAILURE * Math.max(0, input.earlierFailures));
  return clamp(base + failures);
}

function heuristic(input: ComplexityInput): number {
  const chars = input.messages.reduce((sum, m) => sum + m.content.length, 0);
  const length = LENGTH_WEIGHT * Math.min(1, chars / 4 / LONG_PROMPT_TOKENS);
  const tools = Math.min(TOOLS_MAX, PER_TOOL * input.toolCount);
  return ROLE_BASE[input.role ?? 'other'] + length + tools + (input.structured ? STRUCTURED_WEIGHT : 0);
}

function clamp(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
