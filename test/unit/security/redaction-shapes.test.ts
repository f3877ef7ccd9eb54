/**
 * Every secret shape Steward can hold is redacted wherever redaction runs (audit rows, logs,
 * error messages, tool summaries) — one row per shape, so removing any one pattern fails its row —
 * and ordinary text that merely resembles a secret is left alone (DESIGN §4.4).
 */
import { describe, expect, it } from 'vitest';
import { createLogger, memoryLogSink } from '../../../src-main/core/logging/logger.js';
import { REDACTED, redactText, redactValue } from '../../../src-main/core/security/redaction.js';
import { NEAR_MISSES, SECRETS } from '../../fixtures/secret-shapes.js';

describe('redaction of every secret shape Steward holds', () => {
  it.each(SECRETS)('$shape is replaced and the words around it stay', ({ text, secret, keeps }) => {
    const out = redactText(text);
    expect(out).not.toContain(secret);
    // No fragment long enough to be useful survives either.
    expect(out).not.toContain(secret.slice(4, 20));
    expect(out).toContain(REDACTED);
    expect(out).toContain(keeps);
  });

  it.each(NEAR_MISSES)('leaves $what as it is', ({ text }) => {
    expect(redactText(text)).toBe(text);
  });

  it('redacts every shape inside nested values (what audit rows and tool summaries store)', () => {
    const args = { request: { note: SECRETS.map((c) => c.text).join('\n') }, recipients: ['ann@example.com'] };
    const out = JSON.stringify(redactValue(args));
    for (const { secret, shape } of SECRETS) expect(out, shape).not.toContain(secret);
    expect(out).toContain('ann@example.com');
  });

  it('keeps every shape out of the log file: messages, details and errors with their causes', () => {
    const sink = memoryLogSink();
    const log = createLogger(sink);
    for (const { text } of SECRETS) {
      log.warn(`integration test failed: ${text}`);
      log.error('request failed', new Error('upstream refused', { cause: new Error(text) }));
      log.info('call', { request: text });
    }
    const written = JSON.stringify(sink.records);
    for (const { shape, secret } of SECRETS) expect(written, shape).not.toContain(secret);
    expect(written).toContain('upstream refused');
  });
});
