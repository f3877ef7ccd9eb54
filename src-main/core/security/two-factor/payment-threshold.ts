import type { SideEffect } from '../../tools/tool.js';

/**
 * Whether approving an action needs the authenticator code: a payment (financial side effect)
 * estimated at or above the threshold. A payment whose amount is unknown needs it too — enforcement
 * fails closed (DESIGN §4.1). Non-financial actions never do.
 */
export function paymentNeedsTwoFactor(sideEffect: SideEffect, amountUsd: number | null, thresholdUsd: number): boolean {
  if (sideEffect !== 'financial') return false;
  if (amountUsd === null || !Number.isFinite(amountUsd)) return true;
  return amountUsd >= thresholdUsd;
}
