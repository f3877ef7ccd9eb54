import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SettingsSchema, type Settings } from '../../../src-preload/schemas/settings.js';
import type { SecretStore } from '../../../src-main/core/ports.js';
import type { ToolContext } from '../../../src-main/core/tools/tool.js';

/** What a tool receives from the runner, over real settings and the given keychain. */
export function toolContext(settings: Settings, secrets: SecretStore, signal = new AbortController().signal): ToolContext & { logs: string[] } {
  const logs: string[] = [];
  return {
    workspaceDir: mkdtempSync(path.join(os.tmpdir(), 'steward-ws-')),
    secrets,
    settings,
    signal,
    taskId: null,
    conversationId: null,
    idempotencyKey: randomUUID(),
    approval: { approvalId: null, approver: 'test', twoFactorUsed: false },
    logs,
    log: (message) => logs.push(message),
  };
}

export function settingsWith(integrations: Record<string, unknown>): Settings {
  return SettingsSchema.parse({ integrations });
}

/** A sleep that returns at once and records what it was asked to wait. */
export function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}
