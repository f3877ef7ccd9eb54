/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), the scheme every authenticator app
 * speaks: HMAC-SHA-1, 6 digits, 30-second steps. Pure functions; persistence of the last used step
 * (replay protection) and the lockout live in the two-factor service.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side absorbs clock drift and the seconds it takes to type a code. */
export const TOTP_WINDOW_STEPS = 1;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (authenticator apps accept and expect it that way). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces, dashes and padding (people copy secrets in groups). */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/=+$/, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) throw new Error(`not a base32 character: "${char}"`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}

/** "JBSW Y3DP EHPK 3PXP": groups of four are far easier to read and type than one long run. */
export function groupForReading(secret: string, size = 4): string {
  return (secret.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(' ');
}

/** RFC 4226 HOTP: dynamic truncation of HMAC(secret, counter) to `digits` decimal digits. */
export function hotp(secret: Uint8Array, counter: number, options: { digits?: number; algorithm?: TotpAlgorithm } = {}): string {
  const digits = options.digits ?? TOTP_DIGITS;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(options.algorithm ?? 'sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step a moment falls in (T in RFC 6238). */
export function totpStep(at: Date, periodSeconds = TOTP_PERIOD_SECONDS): number {
  return Math.floor(at.getTime() / 1000 / periodSeconds);
}

export function totp(secret: Uint8Array, at: Date, options: { digits?: number; algorithm?: TotpAlgorithm; periodSeconds?: number } = {}): string {
  return hotp(secret, totpStep(at, options.periodSeconds), options);
}

/** Compares two codes in time independent of where they differ. */
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
 * inside its 90-second window. Every candidate is compared, so timing does not reveal which matched.
 */
export function verifyTotp(secret: Uint8Array, code: string, at: Date, options: { lastUsedStep: number | null; windowSteps?: number }): TotpCheck {
  const window = options.windowSteps ?? TOTP_WINDOW_STEPS;
  const current = totpStep(at);
  let matched: number | null = null;
  for (let step = current - window; step <= current + window; step += 1) {
    if (codesEqual(hotp(secret, step), code) && (matched === null || step > matched)) matched = step;
  }
  if (matched === null) return { ok: false, reason: 'wrong' };
  if (options.lastUsedStep !== null && matched <= options.lastUsedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step: matched };
}
