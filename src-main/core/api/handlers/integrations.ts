/**
 * Request handlers of the Integrations & keys screen: which secrets are present (presence only —
 * values never leave the keychain, DESIGN §4.4), storing an allow-listed secret, and a live
 * connection test for SMTP (nodemailer verify) and the cloud model (list models via the openai SDK).
 * Keyed by method name so the lead can spread them into the handler table:
 *   export const handlers: HandlerTable = { ...existing, ...integrationsHandlers };
 */
import OpenAI from 'openai';
import type { z } from 'zod';
import type { IntegrationsSetSecretInputSchema, IntegrationsStatus, IntegrationsTestInputSchema, IntegrationsTestResult } from '../../../../src-preload/schemas/integrations-api.js';
import { SmtpConfigSchema } from '../../../../src-preload/schemas/integrations.js';
import type { Core } from '../../core-types.js';
import { StewardError } from '../../errors.js';
import { CLOUD_API_KEY_ACCOUNT } from '../../llm/openai/openai-provider.js';
import { redactText } from '../../security/redaction.js';
import { SMTP_PASSWORD_ACCOUNT } from '../../integrations/smtp/smtp-config.js';
import { createSmtpTransport } from '../../integrations/smtp/smtp-transport.js';
import { mapSmtpError, scrubSecret } from '../../integrations/smtp/smtp-errors.js';
import { zodIssues } from '../../validation.js';
import type { HandlerDeps } from '../handlers.js';

type Deps = Pick<HandlerDeps, 'core'>;

/** Presence of a secret; a keychain that cannot be read counts as "not set" (status says why). */
async function isSet(core: Core, account: string): Promise<boolean> {
  try {
    const value = await core.secrets.get(account);
    return value !== null && value.trim() !== '';
  } catch {
    return false;
  }
}

async function readSecret(core: Core, account: string, what: string): Promise<{ ok: true; value: string | null } | { ok: false; message: string }> {
  try {
    const value = await core.secrets.get(account);
    return { ok: true, value: value && value.trim() !== '' ? value : null };
  } catch (err) {
    const reason = err instanceof StewardError ? err.userMessage : 'The keychain could not be read.';
    return { ok: false, message: `${reason} The ${what} is unavailable, so nothing was tested.` };
  }
}

/** Races a promise against a timer so a silent server cannot hang the screen. */
async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve('timeout');
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function testSmtp(core: Core): Promise<IntegrationsTestResult> {
  const raw = core.settings.get().integrations.smtp;
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
    const secret = await readSecret(core, SMTP_PASSWORD_ACCOUNT, 'SMTP password');
    if (!secret.ok) return { ok: false, message: secret.message };
    if (secret.value === null) return { ok: false, message: `The SMTP password for "${config.user}" is not set. Enter it and save, then test again.` };
    password = secret.value;
  }
  const ms = config.timeoutSeconds * 1000;
  const transport = createSmtpTransport(config, password);
  const where = `${config.host}:${config.port}`;
  try {
    const outcome = await withTimeout(transport.verify(), ms + 1000, () => transport.close());
    if (outcome === 'timeout') return { ok: false, message: `The SMTP server ${where} did not answer within ${config.timeoutSeconds} seconds. Check the host and port, or try again later.` };
    const login = config.user !== null ? ` and accepted the login for "${config.user}"` : '';
    return { ok: true, message: `Connected to ${where}${login}. Email is ready to send.` };
  } catch (err) {
    // mapSmtpError scrubs the password; its sentences are about sending, so the tail is dropped.
    const message = mapSmtpError(err, config, password).userMessage.replace(/ The email was (probably )?not sent\.$/, '');
    return { ok: false, message: scrubSecret(message, password) };
  } finally {
    transport.close();
  }
}

interface OpenAiErrorLike {
  status?: number;
}

export async function testCloud(core: Core): Promise<IntegrationsTestResult> {
  const cloud = core.settings.get().llm.cloud;
  const secret = await readSecret(core, CLOUD_API_KEY_ACCOUNT, 'cloud API key');
  if (!secret.ok) return { ok: false, message: secret.message };
  if (secret.value === null) return { ok: false, message: 'No cloud API key is set. Paste your key and save it, then test again.' };
  const apiKey = secret.value.trim();
  const ms = cloud.timeoutSeconds * 1000;
  const controller = new AbortController();
  const client = new OpenAI({ baseURL: cloud.baseUrl, apiKey, organization: null, project: null, maxRetries: 0, timeout: ms, logLevel: 'off' });
  const scrub = (text: string) => redactText(text.split(apiKey).join('[redacted]'));
  try {
    const outcome = await withTimeout(
      (async () => {
        const ids: string[] = [];
        for await (const model of client.models.list({ signal: controller.signal })) {
          ids.push(model.id);
          if (ids.length >= 1000) break;
        }
        return ids;
      })(),
      ms,
      () => controller.abort(),
    );
    if (outcome === 'timeout') return { ok: false, message: `${cloud.baseUrl} did not answer within ${cloud.timeoutSeconds} seconds. Check the base URL and your connection.` };
    const found = outcome.includes(cloud.model)
      ? ` The model "${cloud.model}" is available.`
      : ` The model "${cloud.model}" was not in its list — check the model name.`;
    return { ok: outcome.includes(cloud.model), message: `Connected to ${cloud.baseUrl}: ${outcome.length} model${outcome.length === 1 ? '' : 's'} listed.${found}` };
  } catch (err) {
    const status = (err as OpenAiErrorLike).status;
    if (status === 401 || status === 403) return { ok: false, message: `${cloud.baseUrl} refused the API key (HTTP ${status}). Check the key and paste it again.` };
    if (status === 404) return { ok: false, message: `${cloud.baseUrl} has no /models endpoint (HTTP 404). Check the base URL — it usually ends in /v1.` };
    if (status === 429) return { ok: false, message: `${cloud.baseUrl} is rate-limiting this key (HTTP 429). Wait a minute and test again.` };
    if (typeof status === 'number') return { ok: false, message: `${cloud.baseUrl} answered with an error (HTTP ${status}). Try again later.` };
    const detail = err instanceof Error ? scrub(err.message) : 'unknown error';
    return { ok: false, message: `Could not reach ${cloud.baseUrl} (${detail}). Check the base URL and your connection.` };
  }
}

const async = <I, O>(run: (input: I, deps: Deps) => Promise<O>) => ({ kind: 'async' as const, run });

export const integrationsHandlers = {
  'integrations.status': async(async (_input: Record<string, never>, { core }): Promise<IntegrationsStatus> => {
    const [keychain, cloudKeySet, smtpPasswordSet] = await Promise.all([core.secrets.status(), isSet(core, CLOUD_API_KEY_ACCOUNT), isSet(core, SMTP_PASSWORD_ACCOUNT)]);
    return { cloudKeySet, smtpPasswordSet, keychain };
  }),
  'integrations.setSecret': async(async (input: z.output<typeof IntegrationsSetSecretInputSchema>, { core }) => {
    if (input.value === null) await core.secrets.delete(input.account);
    else await core.secrets.set(input.account, input.value);
    return { stored: input.value !== null };
  }),
  'integrations.test': async(async (input: z.output<typeof IntegrationsTestInputSchema>, { core }) => (input.service === 'smtp' ? testSmtp(core) : testCloud(core))),
};
