/**
 * Two-factor codes sent by SMS, for users who choose SMS over an authenticator app. Each code is
 * random (6 digits), bound to one approval, kept only as a hash, good for 5 minutes and for one
 * use: a wrong code, a code already used (replayed) or an expired one is refused. Codes live in
 * memory: after a restart the user asks for a new one, which is safer than storing them.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../ports.js';

export const SMS_CODE_TTL_MS = 5 * 60_000;

interface Issued {
  hash: Buffer;
  expiresAt: number;
  used: boolean;
}

export type SmsCodeCheck = { ok: true } | { ok: false; reason: 'none' | 'expired' | 'replayed' | 'wrong' };

export class SmsCodeChannel {
  private readonly codes = new Map<string, Issued>();

  constructor(private readonly clock: Clock) {}

  /** A fresh code for this approval (replacing an earlier one); the caller sends it. */
  issue(approvalId: string): string {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.codes.set(approvalId, { hash: digest(approvalId, code), expiresAt: this.clock.now().getTime() + SMS_CODE_TTL_MS, used: false });
    return code;
  }

  check(approvalId: string, code: string): SmsCodeCheck {
    const issued = this.codes.get(approvalId);
    if (!issued) return { ok: false, reason: 'none' };
    const matches = timingSafeEqual(issued.hash, digest(approvalId, code.trim()));
    if (matches && issued.used) return { ok: false, reason: 'replayed' };
    if (this.clock.now().getTime() > issued.expiresAt) return { ok: false, reason: 'expired' };
    if (!matches) return { ok: false, reason: 'wrong' };
    issued.used = true;
    return { ok: true };
  }
}

function digest(approvalId: string, code: string): Buffer {
  return createHash('sha256').update(`${approvalId}:${code}`).digest();
}
