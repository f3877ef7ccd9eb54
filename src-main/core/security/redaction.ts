/**
 * Redaction of secrets before anything is written to audit rows, logs, prompts or exports
 * (DESIGN §4.4). Two nets: field names that hold secrets, and values that look like secrets or
 * equal a secret this process has handled.
 */
export const REDACTED = '[redacted]';

// `^code$`: the authenticator code of approvals.respond / twoFactor.* (a bare "code" field); longer names such as errorCode stay visible.
const SECRET_FIELD = /pass(word|phrase)?|secret|token|api[_-]?key|authori[sz]ation|cookie|private[_-]?key|credential|cvv|cvc|card[_-]?number|\bpin\b|ssn|otp|2fa|^code$|verification[_-]?code/i;

const SECRET_VALUE_PATTERNS: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI-style keys (sk-…, sk-proj-…)
  /\b(sk|rk|pk)_(live|test)_[A-Za-z0-9]{10,}/g, // Stripe keys
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{22,}/g, // GitHub fine-grained tokens
  /\bxox[abpr]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids (long-term and temporary)
  // The AWS secret key and the Twilio auth token have no prefix of their own (40 base64 / 32 hex
  // characters, like any checksum), so they are recognised only after the label that names them;
  // the label stays so the reader still sees what was removed.
  /(?<=(secret[_ -]?(access[_ -]?)?key|aws[\w .-]{0,30}secret)["']?\s*(is\s|[:=])?\s*["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi, // AWS secret access keys
  /(?<=(auth[_ -]?token|twilio[\w .-]{0,30}token)["']?\s*(is\s|[:=])?\s*["']?)[0-9a-f]{32}(?![0-9a-z])/gi, // Twilio auth tokens
  /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/gi,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, // JWTs
];

/** Secrets this process has read from or written to the keychain; redacted wherever they appear. */
const knownSecrets = new Set<string>();

export function registerSecret(value: string): void {
  // Very short values would redact ordinary words; keychain secrets are long enough to be distinctive.
  if (value.length >= 8) knownSecrets.add(value);
}

export function redactText(text: string): string {
  let out = text;
  for (const secret of knownSecrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const pattern of SECRET_VALUE_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}

/** Deep copy of `value` with secret-named fields and secret-looking strings replaced. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SECRET_FIELD.test(key) && v !== null && v !== undefined && v !== '' ? REDACTED : redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}
