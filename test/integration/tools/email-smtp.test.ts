import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-preload/schemas/settings.js';
import { ValidationError } from '../../../src-main/core/errors.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { createEmailTool, recipientDomains } from '../../../src-main/core/tools/builtin/email/email-send.js';
import { SMTP_PASSWORD_ACCOUNT, type SmtpConfigInput } from '../../../src-main/core/integrations/smtp/smtp-config.js';
import { SmtpError } from '../../../src-main/core/integrations/smtp/smtp-errors.js';
import { ToolNotConfiguredError, WorkspacePathError } from '../../../src-main/core/tools/builtin/tool-errors.js';
import { filesCreateTool } from '../../../src-main/core/tools/builtin/files/files-create.js';
import { leafParts, parseMime } from '../../unit/tools/helpers/mime.js';
import { freeClosedPort, startSilentServer, startSmtpFixture, type SmtpFixture } from '../../unit/tools/helpers/smtp-fixture.js';
import { createTestWorkspace, runTool, type TestWorkspace } from '../../unit/tools/helpers/tool-context.js';

const USER = 'owner@bistro.test';
const PASSWORD = 'correct-horse-battery-staple-42';

function configFor(port: number, extra: Partial<SmtpConfigInput> = {}): SmtpConfigInput {
  return { host: '127.0.0.1', port, security: 'none', user: USER, from: 'owner@bistro.test', fromName: 'Bistro Verde', timeoutSeconds: 5, ...extra };
}

/** Everything about an error that could end up in a log, an audit row or the chat. */
function everyTrace(err: unknown): string {
  const e = err as Error & { userMessage?: string };
  return [e.message, e.userMessage, e.stack, JSON.stringify(e), inspect(e, { depth: 10, showHidden: true })].join('\n');
}

describe('email.send over a real SMTP server', () => {
  let ws: TestWorkspace;
  let smtp: SmtpFixture;
  beforeEach(async () => {
    ws = await createTestWorkspace({ secrets: { [SMTP_PASSWORD_ACCOUNT]: PASSWORD } });
    smtp = await startSmtpFixture({ user: USER, password: PASSWORD });
  });
  afterEach(async () => {
    await smtp.close();
    await ws.cleanup();
  });

  it('sends a message with cc, bcc, text, html and a workspace attachment, as received by the server', async () => {
    await runTool(filesCreateTool, { path: 'documents/invoice-17.txt', content: 'Invoice 17: 3 x catering = 450 EUR\n' }, ws.ctx);
    const tool = createEmailTool({ getSmtpConfig: () => configFor(smtp.port) });
    const result = await runTool(
      tool,
      {
        to: ['ana@client.test'],
        cc: ['boss@client.test'],
        bcc: ['archive@bistro.test'],
        replyTo: 'billing@bistro.test',
        subject: 'Invoice 17 — catering for Friday',
        text: 'Hello Ana,\nplease find the invoice attached.\nBest, Maria',
        html: '<p>Hello Ana,</p><p>please find the invoice attached.</p>',
        attachments: [{ path: 'documents/invoice-17.txt', filename: 'Invoice-17.txt' }],
      },
      ws.ctx,
    );
    expect(result.output.accepted).toEqual(['ana@client.test', 'boss@client.test', 'archive@bistro.test']);
    expect(result.output.rejected).toEqual([]);
    expect(result.summary).toBe('Sent "Invoice 17 — catering for Friday" to ana@client.test, boss@client.test, archive@bistro.test');

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.user).toBe(USER);
    expect(mail.from).toBe('owner@bistro.test');
    expect(mail.to).toEqual(['ana@client.test', 'boss@client.test', 'archive@bistro.test']);

    const message = parseMime(mail.raw);
    expect(message.headers.get('from')).toBe('Bistro Verde <owner@bistro.test>');
    expect(message.headers.get('to')).toBe('ana@client.test');
    expect(message.headers.get('cc')).toBe('boss@client.test');
    expect(message.headers.has('bcc')).toBe(false); // bcc goes in the envelope only
    expect(message.headers.get('reply-to')).toBe('billing@bistro.test');
    expect(message.headers.get('subject')).toBe('Invoice 17 — catering for Friday');
    expect(message.headers.get('message-id')).toBe(result.output.messageId);

    const leaves = leafParts(message);
    const text = leaves.find((p) => p.headers.get('content-type')?.startsWith('text/plain') && !p.headers.has('content-disposition'));
    const html = leaves.find((p) => p.headers.get('content-type')?.startsWith('text/html'));
    const attachment = leaves.find((p) => p.headers.get('content-disposition')?.startsWith('attachment'));
    expect(text?.body.toString('utf8').replace(/\r\n/g, '\n')).toBe('Hello Ana,\nplease find the invoice attached.\nBest, Maria');
    expect(html?.body.toString('utf8')).toBe('<p>Hello Ana,</p><p>please find the invoice attached.</p>');
    expect(attachment?.headers.get('content-disposition')).toContain('filename=Invoice-17.txt');
    expect(attachment?.body.toString('utf8')).toBe('Invoice 17: 3 x catering = 450 EUR\n');
  });

  it('logs in with AUTH LOGIN when that is all the server offers', async () => {
    const loginOnly = await startSmtpFixture({ user: USER, password: PASSWORD, authMethods: ['LOGIN'] });
    try {
      const tool = createEmailTool({ getSmtpConfig: () => configFor(loginOnly.port) });
      await runTool(tool, { to: ['ana@client.test'], subject: 'Hi', text: 'Hi' }, ws.ctx);
      expect(loginOnly.authAttempts).toEqual([{ method: 'LOGIN', username: USER }]);
      expect(loginOnly.received).toHaveLength(1);
    } finally {
      await loginOnly.close();
    }
  });

  it('upgrades with STARTTLS, refusing a self-signed certificate unless the settings allow it', async () => {
    const tlsServer = await startSmtpFixture({ user: USER, password: PASSWORD, starttls: true });
    try {
      const strict = createEmailTool({ getSmtpConfig: () => configFor(tlsServer.port, { security: 'starttls' }) });
      const err = await runTool(strict, { to: ['ana@client.test'], subject: 'Hi', text: 'Hi' }, ws.ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SmtpError);
      expect((err as SmtpError).reason).toBe('tls');
      expect((err as SmtpError).userMessage).toContain('A secure connection to 127.0.0.1');
      expect(tlsServer.received).toHaveLength(0);

      const relaxed = createEmailTool({ getSmtpConfig: () => configFor(tlsServer.port, { security: 'starttls', allowSelfSignedCertificate: true }) });
      await runTool(relaxed, { to: ['ana@client.test'], subject: 'Over TLS', text: 'Hi' }, ws.ctx);
      expect(tlsServer.received).toHaveLength(1);
      expect(parseMime(tlsServer.received[0]!.raw).headers.get('subject')).toBe('Over TLS');
    } finally {
      await tlsServer.close();
    }
  });

  it('maps a wrong password to an auth error that never contains the password', async () => {
    const wrong = 'wrong-password-that-must-not-leak-99';
    await ws.ctx.secrets.set(SMTP_PASSWORD_ACCOUNT, wrong);
    const tool = createEmailTool({ getSmtpConfig: () => configFor(smtp.port) });
    const err = await runTool(tool, { to: ['ana@client.test'], subject: 'Hi', text: 'Hi' }, ws.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmtpError);
    expect((err as SmtpError).reason).toBe('auth');
    expect((err as SmtpError).userMessage).toContain(`did not accept the user name or password for "${USER}"`);
    expect((err as SmtpError).userMessage).toContain('Integrations › Email (SMTP)');
    const trace = everyTrace(err);
    expect(trace).not.toContain(wrong);
    expect(trace).not.toContain(Buffer.from(`\0${USER}\0${wrong}`).toString('base64'));
    expect(trace).not.toContain(Buffer.from(wrong).toString('base64'));
    expect(smtp.received).toHaveLength(0);
  });

  it('maps refused recipients to a typed error naming them, and nothing is sent', async () => {
    const tool = createEmailTool({ getSmtpConfig: () => configFor(smtp.port) });
    const err = await runTool(tool, { to: ['ghost@rejected.test'], subject: 'Hi', text: 'Hi' }, ws.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmtpError);
    expect((err as SmtpError).reason).toBe('recipients');
    expect((err as SmtpError).code).toBe('invalid_input');
    expect((err as SmtpError).rejectedRecipients).toEqual(['ghost@rejected.test']);
    expect((err as SmtpError).userMessage).toContain('The SMTP server refused ghost@rejected.test');
    expect(smtp.received).toHaveLength(0);
    expect(everyTrace(err)).not.toContain(PASSWORD);
  });

  it('sends to the accepted recipients and says which ones were refused', async () => {
    const tool = createEmailTool({ getSmtpConfig: () => configFor(smtp.port) });
    const result = await runTool(tool, { to: ['ana@client.test', 'ghost@rejected.test'], subject: 'Hi', text: 'Hi' }, ws.ctx);
    expect(result.output.rejected).toEqual(['ghost@rejected.test']);
    expect(result.summary).toContain('refused by the server: ghost@rejected.test');
    expect(smtp.received[0]?.to).toEqual(['ana@client.test']);
  });

  it('maps a refused connection to a clear error', async () => {
    const port = await freeClosedPort();
    const tool = createEmailTool({ getSmtpConfig: () => configFor(port) });
    const err = await runTool(tool, { to: ['ana@client.test'], subject: 'Hi', text: 'Hi' }, ws.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmtpError);
    expect((err as SmtpError).reason).toBe('connection');
    expect((err as SmtpError).userMessage).toBe(
      `Could not connect to the SMTP server 127.0.0.1:${port} (the connection was refused). Check the host and port in Integrations › Email (SMTP) and that the server is running. The email was not sent.`,
    );
    expect(everyTrace(err)).not.toContain(PASSWORD);
  });

  it('gives up on a server that never answers after the configured timeout', async () => {
    const silent = await startSilentServer();
    try {
      const tool = createEmailTool({ getSmtpConfig: () => configFor(silent.port, { timeoutSeconds: 1 }) });
      const err = await runTool(tool, { to: ['ana@client.test'], subject: 'Hi', text: 'Hi' }, ws.ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SmtpError);
      expect((err as SmtpError).reason).toBe('timeout');
      expect((err as SmtpError).code).toBe('timeout');
      expect((err as SmtpError).userMessage).toContain('did not answer within 1 seconds');
      expect(everyTrace(err)).not.toContain(PASSWORD);
    } finally {
      await silent.close();
    }
  });

  it('refuses attachments from outside the workspace before connecting', async () => {
    const tool = createEmailTool({ getSmtpConfig: () => configFor(smtp.port) });
    const err = await runTool(tool, { to: ['ana@client.test'], subject: 'Hi', text: 'Hi', attachments: [{ path: '../../etc/passwd' }] }, ws.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    await expect(
      tool.execute({ to: ['ana@client.test'], cc: [], bcc: [], subject: 'Hi', text: 'Hi', attachments: [{ path: '/etc/passwd' }] }, ws.ctx),
    ).rejects.toBeInstanceOf(WorkspacePathError);
    await expect(runTool(tool, { to: ['ana@client.test'], subject: 'Hi', text: 'Hi', attachments: [{ path: 'missing.pdf' }] }, ws.ctx)).rejects.toThrow(
      /The attachment "missing.pdf" does not exist/,
    );
    expect(smtp.received).toHaveLength(0);
  });
});

describe('email.send declaration and configuration', () => {
  const tool = createEmailTool({ getSmtpConfig: () => null });

  it('is an external, ask-first, non-idempotent tool whose grant covers the recipient domains', () => {
    expect(tool.sideEffect).toBe('external');
    expect(tool.defaultPermission).toBe('ask');
    expect(tool.idempotent).toBe(false);
    expect(tool.rollback).toBeUndefined();
    expect(tool.credentialAccounts).toEqual(['smtp.password']);
    const params = tool.parameters.parse({ to: ['b@Zeta.test', 'a@alpha.test'], cc: ['c@alpha.test'], bcc: ['d@mid.test'], subject: 's', text: 't' });
    expect(tool.grantScope!(params)).toBe('alpha.test,mid.test,zeta.test');
    expect(recipientDomains({ to: ['x@b.test'], cc: [], bcc: [] })).toEqual(['b.test']);
  });

  it('validates addresses, subject and body with messages that say what to fix', () => {
    const result = tool.parameters.safeParse({ to: ['not-an-address'], subject: 'Hi\r\nBcc: victim@evil.test' });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('to.0: "not-an-address" is not a valid email address');
    expect(messages).toContain('subject: must be on one line');
    expect(messages).toContain('text: give the body as "text", "html" or both');
    expect(tool.parameters.safeParse({ to: [], subject: 's', text: 't' }).error?.issues[0]?.message).toBe('must have at least one recipient');
  });

  it('says exactly what is missing before it can send', async () => {
    const secrets = createMemorySecretStore();
    const settings = SettingsSchema.parse({});
    expect(await tool.isConfigured!({ secrets, settings })).toEqual({ ok: false, reason: 'No SMTP server is set up. Add your SMTP server in Integrations › Email (SMTP).' });

    const incomplete = createEmailTool({ getSmtpConfig: () => ({ host: 'smtp example', port: 70000 }) });
    const reason = await incomplete.isConfigured!({ secrets, settings });
    expect(reason.ok).toBe(false);
    expect(!reason.ok && reason.reason).toMatch(/host must be a host name.*port must be between 1 and 65535.*from must be the sender address.*Integrations › Email \(SMTP\)/);

    const noPassword = createEmailTool({ getSmtpConfig: () => configFor(587, { host: 'smtp.example.com', security: 'starttls' }) });
    expect(await noPassword.isConfigured!({ secrets, settings })).toEqual({ ok: false, reason: `The SMTP password for "${USER}" is missing. Add it in Integrations › Email (SMTP).` });
    await secrets.set(SMTP_PASSWORD_ACCOUNT, PASSWORD);
    expect(await noPassword.isConfigured!({ secrets, settings })).toEqual({ ok: true });

    const noLogin = createEmailTool({ getSmtpConfig: async () => ({ host: 'relay.local', port: 25, security: 'none', from: 'a@b.test' }) });
    expect(await noLogin.isConfigured!({ secrets: createMemorySecretStore(), settings })).toEqual({ ok: true });
  });

  it('refuses to run unconfigured with the same message', async () => {
    const ws = await createTestWorkspace();
    try {
      const err = await runTool(tool, { to: ['a@b.test'], subject: 's', text: 't' }, ws.ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ToolNotConfiguredError);
      expect((err as ToolNotConfiguredError).userMessage).toBe('Email is not set up yet: No SMTP server is set up. Add your SMTP server in Integrations › Email (SMTP).');
    } finally {
      await ws.cleanup();
    }
  });
});
