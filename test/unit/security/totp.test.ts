import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, codesEqual, groupForReading, hotp, totp, totpStep, verifyTotp } from '../../../src-main/core/security/totp.js';

// RFC 4226 appendix D: secret "12345678901234567890", counters 0..9.
const RFC4226_SECRET = Buffer.from('12345678901234567890', 'ascii');
const RFC4226_CODES = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

// RFC 6238 appendix B: 8-digit codes; the seed is the ASCII digits repeated to the hash's length.
const seed = (length: number) => Buffer.from('1234567890'.repeat(7).slice(0, length), 'ascii');
const RFC6238: { time: number; sha1: string; sha256: string; sha512: string }[] = [
  { time: 59, sha1: '94287082', sha256: '46119246', sha512: '90693936' },
  { time: 1111111109, sha1: '07081804', sha256: '68084774', sha512: '25091201' },
  { time: 1111111111, sha1: '14050471', sha256: '67062674', sha512: '99943326' },
  { time: 1234567890, sha1: '89005924', sha256: '91819424', sha512: '93441116' },
  { time: 2000000000, sha1: '69279037', sha256: '90698825', sha512: '38618901' },
  { time: 20000000000, sha1: '65353130', sha256: '77737706', sha512: '47863826' },
];

describe('HOTP (RFC 4226)', () => {
  it('matches the published test vectors', () => {
    expect(RFC4226_CODES.map((_, counter) => hotp(RFC4226_SECRET, counter))).toEqual(RFC4226_CODES);
  });
});

describe('TOTP (RFC 6238)', () => {
  for (const row of RFC6238) {
    it(`matches the published vectors at T=${row.time}`, () => {
      const at = new Date(row.time * 1000);
      expect(totp(seed(20), at, { digits: 8, algorithm: 'sha1' })).toBe(row.sha1);
      expect(totp(seed(32), at, { digits: 8, algorithm: 'sha256' })).toBe(row.sha256);
      expect(totp(seed(64), at, { digits: 8, algorithm: 'sha512' })).toBe(row.sha512);
    });
  }

  it('uses 6 digits, SHA-1 and 30-second steps by default (what authenticator apps assume)', () => {
    expect(totp(seed(20), new Date(59_000))).toBe('287082');
    expect(totpStep(new Date(59_000))).toBe(1);
    expect(totpStep(new Date(60_000))).toBe(2);
  });
});

describe('verifyTotp', () => {
  const secret = seed(20);
  const now = new Date(1_700_000_000_000);
  const step = totpStep(now);

  it('accepts the current code and one step either side, and nothing further', () => {
    expect(verifyTotp(secret, hotp(secret, step), now, { lastUsedStep: null })).toEqual({ ok: true, step });
    expect(verifyTotp(secret, hotp(secret, step - 1), now, { lastUsedStep: null })).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(secret, hotp(secret, step + 1), now, { lastUsedStep: null })).toEqual({ ok: true, step: step + 1 });
    expect(verifyTotp(secret, hotp(secret, step - 2), now, { lastUsedStep: null })).toEqual({ ok: false, reason: 'wrong' });
    expect(verifyTotp(secret, hotp(secret, step + 2), now, { lastUsedStep: null })).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses a code whose step was already used, and any older one', () => {
    expect(verifyTotp(secret, hotp(secret, step), now, { lastUsedStep: step })).toEqual({ ok: false, reason: 'replayed' });
    expect(verifyTotp(secret, hotp(secret, step - 1), now, { lastUsedStep: step })).toEqual({ ok: false, reason: 'replayed' });
    expect(verifyTotp(secret, hotp(secret, step + 1), now, { lastUsedStep: step })).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses codes that are not six digits of this secret', () => {
    const other = seed(32);
    expect(verifyTotp(secret, hotp(other, step), now, { lastUsedStep: null }).ok).toBe(false);
    expect(verifyTotp(secret, '', now, { lastUsedStep: null }).ok).toBe(false);
    expect(verifyTotp(secret, `${hotp(secret, step)}0`, now, { lastUsedStep: null }).ok).toBe(false);
  });
});

describe('base32', () => {
  it('round-trips any bytes and matches RFC 4648 vectors', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(Buffer.from('f'))).toBe('MY');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    const bytes = Buffer.from(Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 255));
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
  });

  it('reads a secret typed in groups, lower case or with dashes', () => {
    const secret = base32Encode(RFC4226_SECRET);
    expect(base32Decode(groupForReading(secret).toLowerCase())).toEqual(RFC4226_SECRET);
    expect(groupForReading('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    expect(() => base32Decode('ABC1')).toThrow(/base32/);
  });

  it('compares codes of different lengths as unequal without throwing', () => {
    expect(codesEqual('123456', '123456')).toBe(true);
    expect(codesEqual('123456', '12345')).toBe(false);
  });
});
