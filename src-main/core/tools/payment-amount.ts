import type { AnyTool } from './tool.js';

/**
 * The money a financial tool says a call moves (DESIGN §4.1), from its own `amountUsd` — never
 * from `estimateCost`, which is what the action costs. No function, a throw, or anything but a
 * finite non-negative number is an unknown amount, and an unknown amount is refused (fail closed).
 */
export function paymentAmountOf(tool: AnyTool, args: unknown): { ok: true; amountUsd: number } | { ok: false; reason: string } {
  if (!tool.amountUsd) return { ok: false, reason: 'the tool does not declare amountUsd' };
  const parsed = tool.parameters.safeParse(args);
  if (!parsed.success) return { ok: false, reason: 'its arguments are not valid' };
  let amount: unknown;
  try {
    amount = tool.amountUsd(parsed.data);
  } catch (err) {
    return { ok: false, reason: err instanceof Error && 'userMessage' in err ? String((err as { userMessage: unknown }).userMessage) : 'its amount could not be worked out' };
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return { ok: false, reason: 'its amount is not a valid number' };
  return { ok: true, amountUsd: amount };
}

/** The approval card's payment line, where the tool gives one; null when it throws. */
export function paymentCardOf(tool: AnyTool, args: unknown): { amount: string; currency: string; payee: string; purpose: string } | null {
  if (!tool.payment) return null;
  const parsed = tool.parameters.safeParse(args);
  if (!parsed.success) return null;
  try {
    return tool.payment(parsed.data);
  } catch {
    return null;
  }
}
