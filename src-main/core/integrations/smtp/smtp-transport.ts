import nodemailer from 'nodemailer';
import type { SmtpConfig } from './smtp-config.js';

/**
 * The one way Steward opens an SMTP connection, for sending and for the connection test alike, so
 * both speak to the server with the same TLS, auth and timeout rules. The message is built only from
 * what we pass in: nodemailer may not read local files or URLs on its own.
 */
export function createSmtpTransport(config: SmtpConfig, password: string | null) {
  const ms = config.timeoutSeconds * 1000;
  return nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    auth: config.user !== null && password !== null ? { user: config.user, pass: password } : undefined,
    connectionTimeout: ms,
    greetingTimeout: ms,
    socketTimeout: ms,
    tls: { rejectUnauthorized: !config.allowSelfSignedCertificate },
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}
