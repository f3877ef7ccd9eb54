/** A real ToolContext for tool tests: a temp workspace, an in-memory keychain, default settings. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SettingsSchema } from '../../../../src-preload/schemas/settings.js';
import { createMemorySecretStore } from '../../../../src-main/core/security/memory-secret-store.js';
import type { Tool, ToolContext, ToolResult } from '../../../../src-main/core/tools/tool.js';
import { parseOrThrow } from '../../../../src-main/core/validation.js';
import type { z } from 'zod';

export interface TestWorkspace {
  dir: string;
  ctx: ToolContext;
  logs: string[];
  abort: AbortController;
  cleanup(): Promise<void>;
}

export async function createTestWorkspace(options: { secrets?: Record<string, string>; taskId?: string } = {}): Promise<TestWorkspace> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'steward-tools-'));
  const dir = path.join(root, 'workspace');
  const logs: string[] = [];
  const abort = new AbortController();
  const ctx: ToolContext = {
    workspaceDir: dir,
    secrets: createMemorySecretStore(options.secrets ?? {}),
    settings: SettingsSchema.parse({}),
    signal: abort.signal,
    taskId: options.taskId ?? 'task-1',
    conversationId: 'conv-1',
    idempotencyKey: `steward-test-${path.basename(root)}`,
    approval: { approvalId: null, approver: 'user:test', twoFactorUsed: false },
    log: (m) => logs.push(m),
  };
  return { dir, ctx, logs, abort, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Validates raw arguments the way the framework does (the tool never sees invalid input), then runs it. */
export async function runTool<P extends z.ZodType, O>(tool: Tool<P, O>, rawParams: unknown, ctx: ToolContext): Promise<ToolResult<O>> {
  const params = parseOrThrow(tool.parameters, rawParams, `arguments for ${tool.name}`);
  return tool.execute(params, ctx);
}

export async function rollbackTool<P extends z.ZodType, O>(tool: Tool<P, O>, rawParams: unknown, result: ToolResult<O>, ctx: ToolContext): Promise<void> {
  const params = parseOrThrow(tool.parameters, rawParams, `arguments for ${tool.name}`);
  await tool.rollback!(result, params, ctx);
}
