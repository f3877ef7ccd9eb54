/**
 * email.send: sends one email over SMTP with nodemailer. It reaches the outside world, cannot be
 * undone and is not safe to retry, so it asks for approval by default and each grant covers only
 * the recipient domains it was given for.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createSmtpTransport } from '../../../integrations/smtp/smtp-transport.js';
import { z } from 'zod';
import { StewardError } from '../../../errors.js';
import { zodIssues } from '../../../validation.js';
import { defineTool, type ToolContext } from '../../tool.js';
import { formatBytes, ToolNotConfiguredError, WorkspaceFileNotFoundError, WorkspacePathError } from '../tool-errors.js';
import { resolveInWorkspace, workspacePathSchema } from '../workspace-path.js';
import { SMTP_PASSWORD_ACCOUNT, SMTP_SETUP_HINT, SmtpConfigSchema, type SmtpConfig, type SmtpConfigSource } from '../../../integrations/smtp/smtp-config.js';
import { mapSmtpError, SmtpError } from '../../../integrations/smtp/smtp-errors.js';

export const MAX_RECIPIENTS = 50;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const address = z.email({ error: (issue) => `"${String(issue.input)}" is not a valid email address` });
// A list even for one recipient: the schema must translate to JSON Schema for the model, so no preprocessing.
const addressList = (what: string) =>
  z.array(address, { error: `must be a list of ${what} email addresses, such as ["ann@example.com"]` }).max(MAX_RECIPIENTS, `must have at most ${MAX_RECIPIENTS} addresses`);

export const EmailSendParams = z
  .object({
    to: addressList('recipient')
      .refine((list) => list.length > 0, 'must have at least one recipient')
      .describe('recipient email addresses'),
    cc: addressList('cc').default([]),
    bcc: addressList('bcc').default([]),
    replyTo: address.optional(),
    subject: z
      .string({ error: 'must be the subject line' })
      .min(1, 'must not be empty')
      .max(998, 'must be at most 998 characters')
      .regex(/^[^\r\n]*$/, 'must be on one line'),
    text: z.string().max(1_000_000, 'must be at most 1,000,000 characters').optional().describe('plain-text body'),
    html: z.string().max(2_000_000, 'must be at most 2,000,000 characters').optional(),
    attachments: z
      .array(
        z.object({
          path: workspacePathSchema('documents/invoice.pdf'),
          filename: z
            .string()
            .min(1)
            .max(255)
            .regex(/^[^\\/\r\n]+$/, 'must be a file name without folders')
            .optional(),
        }),
        { error: 'must be a list of workspace files to attach' },
      )
      .max(10, 'must have at most 10 attachments')
      .default([])
      .describe('workspace files to attach, e.g. [{"path": "documents/invoice.pdf"}]'),
  })
  .refine((p) => p.text !== undefined || p.html !== undefined, { message: 'give the body as "text", "html" or both', path: ['text'] })
  .refine((p) => p.to.length + p.cc.length + p.bcc.length <= MAX_RECIPIENTS, { message: `at most ${MAX_RECIPIENTS} recipients in total`, path: ['to'] });

export type EmailSendParams = z.output<typeof EmailSendParams>;

export interface EmailSendOutput {
  messageId: string;
  accepted: string[];
  rejected: string[];
  from: string;
}

export interface EmailToolDeps {
  getSmtpConfig: SmtpConfigSource;
}

/** Sorted, distinct recipient domains: a grant for "example.com" does not cover "other.org". */
export function recipientDomains(params: Pick<EmailSendParams, 'to' | 'cc' | 'bcc'>): string[] {
  const domains = new Set<string>();
  for (const a of [...params.to, ...params.cc, ...params.bcc]) domains.add(a.slice(a.lastIndexOf('@') + 1).toLowerCase());
  return [...domains].sort();
}

// eslint-disable-next-line max-lines-per-function -- one tool declaration (DESIGN §7: a tool is a plain object); its execute is the SMTP send in order
export function createEmailTool(deps: EmailToolDeps) {
  async function loadConfig(): Promise<{ ok: true; config: SmtpConfig } | { ok: false; reason: string }> {
    const raw = await deps.getSmtpConfig();
    if (raw === null || raw === undefined) return { ok: false, reason: `No SMTP server is set up. ${SMTP_SETUP_HINT}` };
    const parsed = SmtpConfigSchema.safeParse(raw);
    if (!parsed.success) {
      const fields = zodIssues(parsed.error)
        .map((i) => `${i.path || '(settings)'} ${i.message}`)
        .join('; ');
      return { ok: false, reason: `The SMTP settings are incomplete: ${fields}. Fix them in Integrations › Email (SMTP).` };
    }
    return { ok: true, config: parsed.data };
  }

  async function loadPassword(config: SmtpConfig, secrets: ToolContext['secrets']): Promise<{ ok: true; password: string | null } | { ok: false; reason: string }> {
    if (config.user === null) return { ok: true, password: null };
    let password: string | null;
    try {
      password = await secrets.get(SMTP_PASSWORD_ACCOUNT);
    } catch (err) {
      return { ok: false, reason: err instanceof StewardError ? err.userMessage : 'The keychain could not be read, so the SMTP password is unavailable.' };
    }
    if (!password) return { ok: false, reason: `The SMTP password for "${config.user}" is missing. Add it in Integrations › Email (SMTP).` };
    return { ok: true, password };
  }

  return defineTool({
    name: 'email.send',
    title: 'Send an email',
    userDescription: 'Sends an email from your own mail account (SMTP), with workspace files attached.',
    description:
      'Send an email over the SMTP server set up in Integrations › Email (SMTP): recipients (to, cc, bcc), subject, plain-text and/or HTML body, and workspace files as attachments. Cannot be undone.',
    parameters: EmailSendParams,
    describe: (params) => {
      const to = [...params.to, ...params.cc, ...params.bcc];
      const shown = to.length > 3 ? `${to.slice(0, 3).join(', ')} and ${to.length - 3} more` : to.join(', ');
      const files = params.attachments?.length ?? 0;
      return `Email “${params.subject}” to ${shown}${files ? ` with ${files} attachment${files === 1 ? '' : 's'}` : ''}`;
    },
    sideEffect: 'external',
    defaultPermission: 'ask',
    idempotent: false,
    resultOrigin: () => null,
    timeoutMs: 120_000,
    estimateCost: () => 0,
    grantScope: (params) => recipientDomains(params).join(','),
    // A new SMTP password means a possibly different account: remembered grants must ask again.
    credentialAccounts: [SMTP_PASSWORD_ACCOUNT],
    async isConfigured({ secrets }) {
      const config = await loadConfig();
      if (!config.ok) return config;
      const password = await loadPassword(config.config, secrets);
      return password.ok ? { ok: true } : password;
    },
    async execute(params, ctx): Promise<{ output: EmailSendOutput; summary: string }> {
      const loaded = await loadConfig();
      if (!loaded.ok) throw new ToolNotConfiguredError('Email', loaded.reason);
      const config = loaded.config;
      const secret = await loadPassword(config, ctx.secrets);
      if (!secret.ok) throw new ToolNotConfiguredError('Email', secret.reason);
      const attachments = await readAttachments(params.attachments, ctx);
      ctx.signal.throwIfAborted();

      const transport = createSmtpTransport(config, secret.password);
      const onAbort = () => transport.close();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      const from = config.fromName ? { name: config.fromName, address: config.from } : config.from;
      try {
        const info = await transport.sendMail({
          from,
          to: params.to,
          cc: params.cc.length > 0 ? params.cc : undefined,
          bcc: params.bcc.length > 0 ? params.bcc : undefined,
          replyTo: params.replyTo,
          subject: params.subject,
          text: params.text,
          html: params.html,
          attachments,
        });
        const accepted = (info.accepted ?? []).map(addressOf);
        const rejected = (info.rejected ?? []).map(addressOf);
        const rejectedNote = rejected.length > 0 ? `; refused by the server: ${rejected.join(', ')}` : '';
        return {
          output: { messageId: info.messageId, accepted, rejected, from: config.from },
          summary: `Sent "${params.subject}" to ${accepted.join(', ')}${rejectedNote}`,
        };
      } catch (err) {
        if (ctx.signal.aborted) throw new SmtpError('cancelled', 'cancelled', 'Sending the email was cancelled. It was probably not sent; check your Sent folder before trying again.');
        throw mapSmtpError(err, config, secret.password);
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
        transport.close();
      }
    },
  });
}

async function readAttachments(list: EmailSendParams['attachments'], ctx: ToolContext): Promise<Array<{ filename: string; content: Buffer }>> {
  let total = 0;
  const out: Array<{ filename: string; content: Buffer }> = [];
  for (const item of list) {
    const { absolute, relative } = await resolveInWorkspace(ctx.workspaceDir, item.path);
    const info = await stat(absolute).catch(() => null);
    if (!info) throw new WorkspaceFileNotFoundError(relative, 'attachment');
    if (!info.isFile()) throw new WorkspacePathError(relative, 'is a folder, not a file to attach');
    total += info.size;
    if (total > MAX_ATTACHMENT_BYTES) {
      throw new StewardError('invalid_input', `The attachments add up to more than ${formatBytes(MAX_ATTACHMENT_BYTES)}, which most mail servers refuse. Attach fewer or smaller files. The email was not sent.`);
    }
    out.push({ filename: item.filename ?? path.basename(relative), content: await readFile(absolute) });
  }
  return out;
}

function addressOf(value: string | { address: string }): string {
  return typeof value === 'string' ? value : value.address;
}
