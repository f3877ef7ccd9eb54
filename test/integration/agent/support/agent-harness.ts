/**
 * A real core (encrypted SQLite on disk, real event bus, real dispatcher) with the real agent on
 * top, driven by the scripted provider. Every event is recorded so tests can assert what each host
 * would have seen, in order.
 */
import { rmSync } from 'node:fs';
import type { Message, StewardEvent, Task, TaskStatus } from '../../../../src-preload/contract.js';
import { createAgent } from '../../../../src-main/core/agent/create-agent.js';
import type { MemoryPort } from '../../../../src-main/core/agent/memory-port.js';
import type { StewardAgent } from '../../../../src-main/core/agent/steward-agent.js';
import { createCore } from '../../../../src-main/core/app.js';
import type { Core } from '../../../../src-main/core/core-types.js';
import { ScriptedProvider, type Script } from '../../../../src-main/core/llm/scripted-provider.js';
import type { Clock, NotificationRequest, SecretStore } from '../../../../src-main/core/ports.js';
import { createMemorySecretStore } from '../../../../src-main/core/security/memory-secret-store.js';
import type { AnyTool } from '../../../../src-main/core/tools/tool.js';
import { tempDir } from '../../../helpers/test-core.js';
import { ensureAgentMigrationRegistered } from './agent-migration.js';
import { createToolWorld, MESSAGE_ACCOUNT, standardTestTools, type ToolWorld } from './test-tools.js';

export class ManualClock implements Clock {
  private t = Date.now();
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface HarnessOptions {
  script?: Script;
  provider?: ScriptedProvider;
  tools?: (world: ToolWorld) => AnyTool[];
  settings?: Record<string, unknown>;
  memory?: MemoryPort;
  /** Builds memory over the opened core (for the real Memory facade). */
  memoryFor?: (core: Core) => MemoryPort;
  secrets?: SecretStore;
  /** Secrets to put in the keychain before the agent starts (by default the messaging key). */
  secretValues?: Record<string, string>;
  dataDir?: string;
  /** Keep the data directory on dispose (crash-recovery tests reopen it). */
  keepData?: boolean;
  recover?: boolean;
}

export interface Harness {
  core: Core;
  agent: StewardAgent;
  provider: ScriptedProvider;
  world: ToolWorld;
  events: StewardEvent[];
  notifications: NotificationRequest[];
  clock: ManualClock;
  dataDir: string;
  secrets: SecretStore;
  /** Sends a chat message and waits for the turn's reply (not for background work). */
  send(text: string, conversationId?: string): Promise<{ conversationId: string; message: Message; replies: Message[] }>;
  messages(conversationId: string): Message[];
  mark(): number;
  waitFor<T extends StewardEvent>(predicate: (event: StewardEvent) => event is T, options?: { since?: number; timeoutMs?: number }): Promise<T>;
  waitFor(predicate: (event: StewardEvent) => boolean, options?: { since?: number; timeoutMs?: number }): Promise<StewardEvent>;
  waitForTask(taskId: string, statuses: TaskStatus[], timeoutMs?: number): Promise<Task>;
  /** Closes agent and core (as a shutdown would) and removes the data unless keepData. */
  dispose(): Promise<void>;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  ensureAgentMigrationRegistered();
  const dataDir = options.dataDir ?? tempDir('steward-agent-');
  const secrets = options.secrets ?? createMemorySecretStore();
  for (const [account, value] of Object.entries(options.secretValues ?? { [MESSAGE_ACCOUNT]: 'messaging-key-0123456789' })) await secrets.set(account, value);
  const clock = new ManualClock();
  const notifications: NotificationRequest[] = [];
  const core = await createCore(
    { profile: 'default', host: 'test', version: '0.0.0-test', dataDir, installAgent: false },
    { secrets, clock, notifier: { notify: (request) => notifications.push(request) } },
  );
  const events: StewardEvent[] = [];
  core.events.subscribe((event) => events.push(event));
  if (options.settings) core.settings.update(options.settings);
  const world = createToolWorld();
  const provider = options.provider ?? new ScriptedProvider(options.script ?? {});
  const agent = createAgent({ core, provider, tools: (options.tools ?? standardTestTools)(world), memory: options.memory ?? options.memoryFor?.(core), recover: options.recover });
  core.conversations.setHandler(agent);

  const waitFor = (predicate: (event: StewardEvent) => boolean, opts: { since?: number; timeoutMs?: number } = {}): Promise<StewardEvent> => {
    const found = events.slice(opts.since ?? 0).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`timed out waiting for an event; last events: ${events.slice(-6).map((e) => e.type).join(', ')}`));
      }, opts.timeoutMs ?? 10_000);
      const unsubscribe = core.events.subscribe((event) => {
        if (!predicate(event)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(event);
      });
    });
  };

  let disposed = false;
  const harness: Harness = {
    core,
    agent,
    provider,
    world,
    events,
    notifications,
    clock,
    dataDir,
    secrets,
    async send(text, conversationId) {
      const sent = await core.request('chat.send', { text, ...(conversationId && { conversationId }) });
      const replies = (await core.conversations.replyTo(sent.message.id)) ?? [];
      return { conversationId: sent.conversationId, message: sent.message, replies };
    },
    messages: (conversationId) => core.conversations.repo.messages(conversationId, { limit: 1000 }),
    mark: () => events.length,
    waitFor: waitFor as Harness['waitFor'],
    async waitForTask(taskId, statuses, timeoutMs = 10_000) {
      const since = events.length;
      const current = await core.request('tasks.get', { id: taskId });
      if (statuses.includes(current.status)) return current;
      const event = await waitFor((e) => e.type === 'task.updated' && e.task.id === taskId && statuses.includes(e.task.status), { since, timeoutMs });
      return (event as Extract<StewardEvent, { type: 'task.updated' }>).task;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await agent.close();
      await core.close();
      if (!options.keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Event narrowing helpers. */
export const is =
  <K extends StewardEvent['type']>(type: K) =>
  (event: StewardEvent): event is Extract<StewardEvent, { type: K }> =>
    event.type === type;

export function intentResponse(intent: string, extra: { tool?: string | null; parameters?: Record<string, unknown> | null; confidence?: number; question?: string | null } = {}) {
  return {
    type: 'json' as const,
    value: { intent, confidence: extra.confidence ?? 0.95, tool: extra.tool ?? null, parameters: extra.parameters ?? null, question: extra.question ?? null },
  };
}
