/**
 * SMTP (any mail server, through nodemailer): settings under integrations.smtp, the password in
 * the keychain. The test logs in with nodemailer's verify() and sends nothing.
 */
import { zodIssues } from '../../validation.js';
import { defineIntegration, type IntegrationContext, type IntegrationTestResult } from '../integration.js';
import { timeoutAsResult } from '../../async/with-timeout.js';
import { readSecret } from '../read-secret.js';
import { SMTP_PASSWORD_ACCOUNT, SmtpConfigSchema } from './smtp-config.js';
import { mapSmtpError, scrubSecret } from './smtp-errors.js';
import { createSmtpTransport } from './smtp-transport.js';

export const smtpIntegration = defineIntegration({
  id: 'smtp',
  displayName: 'Email (SMTP)',
  connection: 'api-key',
  secretAccounts: [{ account: SMTP_PASSWORD_ACCOUNT, label: 'SMTP password', hint: "Your mail provider's password or app password for the SMTP user.", required: false, userWritable: true }],
  settingsSchema: SmtpConfigSchema,
  settingsOf: (settings) => settings.integrations.smtp,
  tools: ['email.send'],
  async setupProblem({ settings, secrets }) {
    const raw = settings.integrations.smtp;
    if (raw === null) return 'No SMTP server is set up yet: fill in the host, port and sender address and save.';
    const parsed = SmtpConfigSchema.safeParse(raw);
    if (!parsed.success) return `The SMTP settings are incomplete: ${zodIssues(parsed.error).map((i) => `${i.path || '(settings)'} ${i.message}`).join('; ')}.`;
    if (parsed.data.user !== null) {
      const secret = await readSecret(secrets, SMTP_PASSWORD_ACCOUNT, 'SMTP password');
      if (!secret.ok) return secret.message;
      if (secret.value === null) return `The SMTP password for "${parsed.data.user}" is not set: enter it and save.`;
    }
    return null;
  },
  test: testSmtp,
});

export async function testSmtp({ settings, secrets }: IntegrationContext): Promise<IntegrationTestResult> {
  const raw = settings.integrations.smtp;
  if (raw === null) return { ok: false, message: 'No SMTP server is set up yet. Fill in the host, port and sender address, save, then test again.' };
  const parsed = SmtpConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = zodIssues(parsed.error)
      .map((i) => `${i.path || '(settings)'} ${i.message}`)
      .join('; ');
    return { ok: false, message: `The SMTP settings are incomplete: ${fields}.` };
  }
  const config = parsed.data;
  let password: string | null = null;
  if (config.user !== null) {
    const secret = await readSecret(secrets, SMTP_PASSWORD_ACCOUNT, 'SMTP password');
    if (!secret.ok) return { ok: false, message: secret.message };
    if (secret.value === null) return { ok: false, message: `The SMTP password for "${config.user}" is not set. Enter it and save, then test again.` };
    password = secret.value;
  }
  const ms = config.timeoutSeconds * 1000;
  const transport = createSmtpTransport(config, password);
  const where = `${config.host}:${config.port}`;
  try {
    const outcome = await timeoutAsResult((signal) => {
      signal.addEventListener('abort', () => transport.close(), { once: true });
      return transport.verify();
    }, ms + 1000);
    if (outcome === 'timeout') return { ok: false, message: `The SMTP server ${where} did not answer within ${config.timeoutSeconds} seconds. Check the host and port, or try again later.` };
    const login = config.user !== null ? ` and accepted the login for "${config.user}"` : '';
    return { ok: true, message: `Connected to ${where}${login}. Email is ready to send.`, account: config.user ?? config.from };
  } catch (err) {
    // mapSmtpError scrubs the password; its sentences are about sending, so the tail is dropped.
    const message = mapSmtpError(err, config, password).userMessage.replace(/ The email was (probably )?not sent\.$/, '');
    return { ok: false, message: scrubSecret(message, password) };
  } finally {
    transport.close();
  }
}
