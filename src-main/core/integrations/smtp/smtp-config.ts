/**
 * SMTP settings of the email tool. They come from the integration settings (not the model), are
 * validated here, and never hold the password: that stays in the keychain under SMTP_PASSWORD_ACCOUNT.
 */
import type { z } from 'zod';

export const SMTP_PASSWORD_ACCOUNT = 'smtp.password';
export const SMTP_SETUP_HINT = 'Add your SMTP server in Integrations › Email (SMTP).';

export { SmtpConfigSchema } from '../../../../src-preload/schemas/integrations.js';
import type { SmtpConfigSchema } from '../../../../src-preload/schemas/integrations.js';

export type SmtpConfig = z.output<typeof SmtpConfigSchema>;
export type SmtpConfigInput = z.input<typeof SmtpConfigSchema>;

/** Reads the current SMTP settings; null or undefined when none are saved yet. */
export type SmtpConfigSource = () => unknown | Promise<unknown>;
