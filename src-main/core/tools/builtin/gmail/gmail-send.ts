/**
 * gmail.send: sends an email from the connected Gmail account (so it sits in the user's Sent
 * folder), with workspace files attached. The same arguments as email.send. It reaches the
 * outside world and cannot be unsent, so it asks first and says so; grants cover only the
 * recipient domains they were given for.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { StewardError } from '../../../errors.js';
import { buildMime } from '../../../integrations/google/mime-message.js';
import { defineTool, type ToolContext } from '../../tool.js';
import { EmailSendParams, MAX_ATTACHMENT_BYTES, recipientDomains, type EmailSendParams as EmailParams } from '../email/email-send.js';
import { formatBytes, WorkspaceFileNotFoundError, WorkspacePathError } from '../tool-errors.js';
import { resolveInWorkspace } from '../workspace-path.js';
import { GMAIL_CREDENTIAL_ACCOUNTS, gmailConfigured, gmailFor, type GmailToolDeps } from './gmail-common.js';

export const GMAIL_CANNOT_BE_UNDONE = 'A sent email cannot be unsent.';

export function createGmailSendTool(deps: GmailToolDeps = {}) {
  return defineTool({
    name: 'gmail.send',
    title: 'Send an email from Gmail',
    userDescription: 'Sends an email from your connected Gmail account.',
    description: `Send an email from your Gmail account (it appears in your Sent folder): recipients, subject, text and/or HTML body, workspace files as attachments. ${GMAIL_CANNOT_BE_UNDONE}`,
    parameters: EmailSendParams,
    sideEffect: 'external',
    defaultPermission: 'ask',
    idempotent: false,
    // The result is Steward's own account of what it did, not outside text.
    resultOrigin: () => null,
    timeoutMs: 120_000,
    cannotUndo: 'A sent email cannot be unsent.',
    describe: (p) => {
      const to = [...p.to, ...p.cc, ...p.bcc];
      const shown = to.length > 3 ? `${to.slice(0, 3).join(', ')} and ${to.length - 3} more` : to.join(', ');
      const files = p.attachments.length;
      return `Email “${p.subject}” from Gmail to ${shown}${files ? ` with ${files} attachment${files === 1 ? '' : 's'}` : ''}. ${GMAIL_CANNOT_BE_UNDONE}`;
    },
    estimateCost: () => 0,
    grantScope: (p) => recipientDomains(p).join(','),
    credentialAccounts: GMAIL_CREDENTIAL_ACCOUNTS,
    isConfigured: gmailConfigured('gmailSend'),
    async execute(params, ctx) {
      const attachments = await readAttachments(params.attachments, ctx);
      const { gmail, account } = await gmailFor(ctx, 'gmailSend', deps);
      const raw = await buildMime({ from: account, to: params.to, cc: params.cc, bcc: params.bcc, replyTo: params.replyTo, subject: params.subject, text: params.text, html: params.html, attachments });
      ctx.signal.throwIfAborted();
      const sent = await gmail.send(raw, ctx.signal);
      return {
        output: { messageId: sent.id, threadId: sent.threadId, from: account, to: params.to },
        summary: `Sent “${params.subject}” from ${account} to ${[...params.to, ...params.cc, ...params.bcc].join(', ')}. ${GMAIL_CANNOT_BE_UNDONE}`,
      };
    },
  });
}

async function readAttachments(list: EmailParams['attachments'], ctx: ToolContext): Promise<{ filename: string; content: Buffer }[]> {
  let total = 0;
  const out: { filename: string; content: Buffer }[] = [];
  for (const item of list) {
    const { absolute, relative } = await resolveInWorkspace(ctx.workspaceDir, item.path);
    const info = await stat(absolute).catch(() => null);
    if (!info) throw new WorkspaceFileNotFoundError(relative, 'attachment');
    if (!info.isFile()) throw new WorkspacePathError(relative, 'is a folder, not a file to attach');
    total += info.size;
    if (total > MAX_ATTACHMENT_BYTES) throw new StewardError('invalid_input', `The attachments add up to more than ${formatBytes(MAX_ATTACHMENT_BYTES)}, which Gmail refuses. Attach fewer or smaller files. The email was not sent.`);
    out.push({ filename: item.filename ?? path.basename(relative), content: await readFile(absolute) });
  }
  return out;
}
