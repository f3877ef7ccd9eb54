/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), the scheme every authenticator app
 * speaks: HMAC-SHA-1, 6 digits, 30-second steps. The arithmetic is otplib's (a maintained,
 * audited library, checked against the RFC vectors in test/unit/security/totp.test.ts); this
 * file only fixes Steward's choices (window, replay rule, how secrets are typed). Persistence of
 * the last used step (replay protection) and the lockout live in the two-factor service.
 */
import { timingSafeEqual } from 'node:crypto';
import { generateSync, ScureBase32Plugin, verifySync } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side absorbs clock drift and the seconds it takes to type a code. */
export const TOTP_WINDOW_STEPS = 1;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';
type Digits = 6 | 7 | 8;

const base32 = new ScureBase32Plugin();

/** RFC 4648 base32 without padding (authenticator apps accept and expect it that way). */
export function base32Encode(bytes: Uint8Array): string {
  return base32.encode(bytes, { padding: false });
}

/** Decodes base32, ignoring case, spaces, dashes and padding (people copy secrets in groups). */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/=+$/, '');
  try {
    return Buffer.from(base32.decode(clean));
  } catch (err) {
    throw new Error(`not a base32 secret: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** "JBSW Y3DP EHPK 3PXP": groups of four are far easier to read and type than one long run. */
export function groupForReading(secret: string, size = 4): string {
  return (secret.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(' ');
}

/** RFC 4226 HOTP: the code for one counter value. */
export function hotp(secret: Uint8Array, counter: number, options: { digits?: Digits; algorithm?: TotpAlgorithm } = {}): string {
  return generateSync({ strategy: 'hotp', secret, counter, digits: options.digits ?? TOTP_DIGITS, algorithm: options.algorithm ?? 'sha1' });
}

/** The time step a moment falls in (T in RFC 6238). */
export function totpStep(at: Date, periodSeconds = TOTP_PERIOD_SECONDS): number {
  return Math.floor(at.getTime() / 1000 / periodSeconds);
}

export function totp(secret: Uint8Array, at: Date, options: { digits?: Digits; algorithm?: TotpAlgorithm; periodSeconds?: number } = {}): string {
  return generateSync({
    secret,
    epoch: Math.floor(at.getTime() / 1000),
    period: options.periodSeconds ?? TOTP_PERIOD_SECONDS,
    digits: options.digits ?? TOTP_DIGITS,
    algorithm: options.algorithm ?? 'sha1',
  });
}

/** Compares two codes in time independent of where they differ (otplib does the same inside verify). */
export function codesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'replayed' };

/**
 * Checks a code against the steps around `at`. A code whose step is not after `lastUsedStep` is a
 * replay: a code that was already accepted (or an older one) can never be accepted again, even
 * inside its 90-second window. The replay rule is applied here rather than with otplib's
 * afterTimeStep so the user is told "already used" instead of "wrong".
 */
export function verifyTotp(secret: Uint8Array, code: string, at: Date, options: { lastUsedStep: number | null; windowSteps?: number }): TotpCheck {
  // otplib throws on a code that is not TOTP_DIGITS digits; for the user that is simply a wrong code.
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code)) return { ok: false, reason: 'wrong' };
  const window = options.windowSteps ?? TOTP_WINDOW_STEPS;
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor(at.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: window * TOTP_PERIOD_SECONDS,
  });
  // 'timeStep' is what a TOTP (not HOTP) result carries.
  if (!result.valid || !('timeStep' in result)) return { ok: false, reason: 'wrong' };
  const step = result.timeStep;
  if (options.lastUsedStep !== null && step <= options.lastUsedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}
