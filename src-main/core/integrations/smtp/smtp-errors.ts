/**
 * SMTP failures mapped to typed errors with user messages. Nothing from the password, or from
 * the SMTP dialogue that could carry it (AUTH lines), reaches a message, a detail or a cause.
 */
import { StewardError, type ErrorCode } from '../../errors.js';
import { redactText, REDACTED } from '../../security/redaction.js';
import { SMTP_SETUP_HINT, type SmtpConfig } from './smtp-config.js';

export type SmtpFailure = 'connection' | 'dns' | 'timeout' | 'tls' | 'auth' | 'recipients' | 'rejected' | 'cancelled';

export class SmtpError extends StewardError {
  readonly reason: SmtpFailure;
  /** Recipients the server refused (for 'recipients'). */
  readonly rejectedRecipients: readonly string[];

  constructor(reason: SmtpFailure, code: ErrorCode, userMessage: string, options: { detail?: string; rejected?: readonly string[] } = {}) {
    // The cause is deliberately not attached: nodemailer errors carry SMTP dialogue that may include credentials.
    super(code, userMessage, { detail: options.detail });
    this.reason = reason;
    this.rejectedRecipients = options.rejected ?? [];
  }
}

interface NodemailerError {
  code?: string;
  message?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  rejected?: unknown;
}

/** Turns whatever nodemailer threw into an SmtpError, scrubbing the password from anything kept. */
export function mapSmtpError(err: unknown, config: SmtpConfig, password: string | null): SmtpError {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as NodemailerError;
  const scrub = (text: string | undefined) => scrubSecret(text ?? '', password);
  const where = `${config.host}:${config.port}`;
  const message = e.message ?? '';
  const detail = scrub(`${e.code ?? 'ERROR'} ${e.command ?? ''} ${e.responseCode ?? ''} ${e.command?.startsWith('AUTH') ? '' : message}`.replace(/\s+/g, ' ').trim());

  if (e.code === 'EAUTH') {
    const who = config.user ? ` for "${config.user}"` : '';
    return new SmtpError('auth', 'provider_failed', `The SMTP server ${config.host} did not accept the user name or password${who}. Check them in Integrations › Email (SMTP) (some providers need an app password). The email was not sent.`, { detail });
  }
  if (e.code === 'EENVELOPE') {
    const rejected = Array.isArray(e.rejected) ? e.rejected.map(String) : [];
    const list = rejected.length > 0 ? rejected.join(', ') : 'the recipients';
    return new SmtpError('recipients', 'invalid_input', `The SMTP server refused ${list}${serverSays(e, scrub)}. Check the address${rejected.length === 1 ? '' : 'es'} and try again. The email was not sent.`, { detail, rejected });
  }
  if (e.code === 'ETIMEDOUT' || /timeout|timed out/i.test(message)) {
    return new SmtpError('timeout', 'timeout', `The SMTP server ${where} did not answer within ${config.timeoutSeconds} seconds. Check the host and port in Integrations › Email (SMTP), or try again later. The email was probably not sent.`, { detail });
  }
  if (/ENOTFOUND|EAI_AGAIN/.test(message) || e.code === 'EDNS') {
    return new SmtpError('dns', 'provider_failed', `The SMTP server name "${config.host}" could not be found. Check the host in Integrations › Email (SMTP) and your internet connection. The email was not sent.`, { detail });
  }
  if (e.code === 'ETLS' || /certificate|self.signed|SSL|TLS|wrong version number/i.test(message)) {
    return new SmtpError('tls', 'provider_failed', `A secure connection to ${where} could not be set up. Check the security setting in Integrations › Email (SMTP) (TLS for port 465, STARTTLS for port 587). The email was not sent.`, { detail });
  }
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH/.test(message)) {
    const refused = /ECONNREFUSED/.test(message) ? ' (the connection was refused)' : '';
    return new SmtpError('connection', 'provider_failed', `Could not connect to the SMTP server ${where}${refused}. Check the host and port in Integrations › Email (SMTP) and that the server is running. The email was not sent.`, { detail });
  }
  return new SmtpError('rejected', 'provider_failed', `The SMTP server ${config.host} refused the message${serverSays(e, scrub)}. ${SMTP_SETUP_HINT.replace('Add', 'Check')} The email was not sent.`, { detail });
}

function serverSays(e: NodemailerError, scrub: (t: string) => string): string {
  if (!e.responseCode) return '';
  const response = scrub(e.response ?? '').slice(0, 200);
  return response ? ` (server said: ${response})` : ` (code ${e.responseCode})`;
}

/** Removes the password, its base64 forms (AUTH PLAIN/LOGIN) and any other known secret. */
export function scrubSecret(text: string, password: string | null): string {
  let out = text;
  if (password) {
    for (const form of [password, Buffer.from(password).toString('base64')]) out = out.split(form).join(REDACTED);
  }
  // AUTH lines carry base64 credentials even when we cannot tell which part is the password.
  out = out.replace(/AUTH\s+(PLAIN|LOGIN|XOAUTH2)\s+\S+/gi, `AUTH $1 ${REDACTED}`);
  return redactText(out);
}
