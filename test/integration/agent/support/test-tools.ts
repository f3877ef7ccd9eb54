/**
 * Small, real tools for the agent tests: they write and read real files in the workspace, keep a
 * list of "sent" messages and payments, throw, hang, or block — enough to exercise every path of
 * the framework without the builtin tools.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StewardError } from '../../../../src-main/core/errors.js';
import { defineTool, type AnyTool } from '../../../../src-main/core/tools/tool.js';

export interface ToolWorld {
  sent: { to: string; body: string }[];
  payments: { invoice: string; amountUsd: number }[];
  executions: string[];
}

export function createToolWorld(): ToolWorld {
  return { sent: [], payments: [], executions: [] };
}

function inside(workspaceDir: string, relative: string): string {
  const full = path.resolve(workspaceDir, relative);
  if (!full.startsWith(path.resolve(workspaceDir) + path.sep)) throw new StewardError('invalid_input', `The path "${relative}" is outside the workspace.`);
  return full;
}

export function writeNoteTool(world: ToolWorld): AnyTool {
  return defineTool({
    name: 'write_note',
    description: 'Write a text file in the workspace.',
    parameters: z.object({ path: z.string().min(1).describe('relative file path'), text: z.string().describe('file contents') }).strict(),
    sideEffect: 'local',
    defaultPermission: 'always',
    idempotent: true,
    resultOrigin: () => null,
    newFilesCreated: async (params, workspaceDir) => (existsSync(inside(workspaceDir, params.path)) ? null : [params.path]),
    async execute(params, context) {
      world.executions.push(`write_note:${params.path}`);
      const full = inside(context.workspaceDir, params.path);
      const existed = existsSync(full);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, params.text);
      return {
        output: { path: params.path, bytes: Buffer.byteLength(params.text) },
        summary: `Wrote ${params.path}`,
        artifacts: [{ kind: 'file', path: full, mime: 'text/plain', title: params.path }],
        rollbackData: { path: full, existed },
      };
    },
    async rollback(result) {
      const data = result.rollbackData as { path: string; existed: boolean };
      world.executions.push(`rollback:write_note:${path.basename(data.path)}`);
      if (!data.existed) rmSync(data.path, { force: true });
    },
  }) as AnyTool;
}

export function readNoteTool(world: ToolWorld): AnyTool {
  return defineTool({
    name: 'read_note',
    description: 'Read a text file from the workspace.',
    parameters: z.object({ path: z.string().min(1) }).strict(),
    sideEffect: 'none',
    defaultPermission: 'always',
    idempotent: true,
    async execute(params, context) {
      world.executions.push(`read_note:${params.path}`);
      const text = readFileSync(inside(context.workspaceDir, params.path), 'utf8');
      return { output: { text }, summary: `Read ${params.path}: ${text}` };
    },
  }) as AnyTool;
}

export const MESSAGE_ACCOUNT = 'test:messaging-key';

export function sendMessageTool(world: ToolWorld): AnyTool {
  return defineTool({
    name: 'send_message',
    description: 'Send a message to an email address.',
    parameters: z.object({ to: z.email().describe('recipient email address'), body: z.string().min(1).describe('message text') }).strict(),
    sideEffect: 'external',
    defaultPermission: 'ask',
    idempotent: false,
    resultOrigin: () => null,
    credentialAccounts: [MESSAGE_ACCOUNT],
    estimateCost: () => 0.01,
    grantScope: (params) => params.to.split('@')[1] ?? params.to,
    async isConfigured(context) {
      return (await context.secrets.get(MESSAGE_ACCOUNT)) ? { ok: true } : { ok: false, reason: 'add the messaging key in Settings › Integrations.' };
    },
    async execute(params) {
      world.executions.push(`send_message:${params.to}`);
      world.sent.push({ to: params.to, body: params.body });
      return { output: { delivered: true }, summary: `Sent to ${params.to}`, costUsd: 0.01 };
    },
  }) as AnyTool;
}

export function payInvoiceTool(world: ToolWorld): AnyTool {
  return defineTool({
    name: 'pay_invoice',
    description: 'Pay a supplier invoice.',
    parameters: z.object({ invoice: z.string().min(1), amountUsd: z.number().positive() }).strict(),
    sideEffect: 'financial',
    // Even a tool that asks to be auto-approved must not be: the framework refuses.
    defaultPermission: 'always',
    idempotent: false,
    resultOrigin: () => null,
    estimateCost: (params) => params.amountUsd,
    amountUsd: (params) => params.amountUsd,
    async execute(params) {
      world.executions.push(`pay_invoice:${params.invoice}`);
      world.payments.push(params);
      return { output: { paid: true }, summary: `Paid ${params.invoice} ($${params.amountUsd})`, costUsd: params.amountUsd };
    },
  }) as AnyTool;
}

export function explodingTool(world: ToolWorld): AnyTool {
  return defineTool({
    name: 'publish_site',
    description: 'Publish the website.',
    parameters: z.object({ site: z.string() }).strict(),
    sideEffect: 'local',
    defaultPermission: 'always',
    idempotent: false,
    resultOrigin: () => null,
    async execute(params) {
      world.executions.push(`publish_site:${params.site}`);
      throw new StewardError('provider_failed', 'the hosting service refused the upload (quota exceeded)');
    },
  }) as AnyTool;
}

export function hangingTool(world: ToolWorld, timeoutMs = 150): AnyTool {
  return defineTool({
    name: 'fetch_report',
    description: 'Fetch a report from a slow service.',
    parameters: z.object({ name: z.string() }).strict(),
    sideEffect: 'none',
    defaultPermission: 'always',
    idempotent: true,
    timeoutMs,
    async execute(params) {
      world.executions.push(`fetch_report:${params.name}`);
      // Ignores its abort signal on purpose: the framework must still give up on time.
      return new Promise(() => undefined);
    },
  }) as AnyTool;
}

export function standardTestTools(world: ToolWorld): AnyTool[] {
  return [writeNoteTool(world), readNoteTool(world), sendMessageTool(world), payInvoiceTool(world), explodingTool(world), hangingTool(world)];
}

/** A tool that runs until the test releases it (concurrency and cancel tests). */
export function heldTool(world: ToolWorld & { releases?: (() => void)[] }): AnyTool {
  return defineTool({
    name: 'long_job',
    description: 'A long job.',
    parameters: z.object({ label: z.string() }).strict(),
    sideEffect: 'none',
    defaultPermission: 'always',
    idempotent: true,
    async execute(params, context) {
      world.executions.push(`long_job:${params.label}:start`);
      await new Promise<void>((resolve, reject) => {
        (world.releases ??= []).push(resolve);
        context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true });
      });
      world.executions.push(`long_job:${params.label}:end`);
      return { output: { label: params.label }, summary: `Finished ${params.label}` };
    },
  }) as AnyTool;
}

/** A tool with a dotted name like the builtin ones ("files.read"). */
export function dottedNoteTool(world: ToolWorld): AnyTool {
  return defineTool({
    name: 'notes.append',
    description: 'Append a line to the notes file.',
    parameters: z.object({ line: z.string() }).strict(),
    sideEffect: 'local',
    defaultPermission: 'always',
    idempotent: false,
    async execute(params, context) {
      world.executions.push(`notes.append:${params.line}`);
      mkdirSync(context.workspaceDir, { recursive: true });
      writeFileSync(path.join(context.workspaceDir, 'notes.md'), `${params.line}\n`, { flag: 'a' });
      return { output: { ok: true }, summary: `Appended “${params.line}”` };
    },
  }) as AnyTool;
}
