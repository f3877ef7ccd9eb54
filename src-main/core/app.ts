/**
 * Composition root: builds every core service from a config and the host's ports. Nothing here
 * (or anywhere under core/) imports electron, so the same core runs in the desktop app, the
 * local server, the terminal chat and the tests.
 */
import { mkdirSync } from 'node:fs';
import type { MethodInput, MethodName } from '../../src-preload/contract.js';
import { Dispatcher } from './api/dispatcher.js';
import { handlers } from './api/handlers.js';
import { createModelHandlers } from './api/handlers/models.js';
import { LlmService } from './llm/llm-service.js';
import { providerEmbedder } from './memory/embedder.js';
import { createMemory } from './memory/memory.js';
import { createAgent } from './agent/create-agent.js';
import { modelGatedHandler } from './agent/model-gated-handler.js';
import { builtinTools, PreviewServers } from './tools/builtin/index.js';
import { ConversationService } from './agent/conversation-service.js';
import type { CallContext, Core, CoreConfig } from './core-types.js';
import { StewardError } from './errors.js';
import { EventBus } from './events.js';
import { defaultDataDir, isValidProfileName, resolvePaths } from './paths.js';
import { silentNotifier, systemClock, type Ports } from './ports.js';
import { AuditLog } from './store/audit-log.js';
import { ConversationRepo } from './store/conversation-repo.js';
import { openDatabase } from './store/database.js';
import { SettingsStore } from './store/settings-store.js';
import { TaskRepo } from './store/task-repo.js';

export type { Core, CoreConfig, CallContext } from './core-types.js';

export const databaseKeyAccount = (profile: string): string => `db-key:${profile}`;

export async function createCore(config: CoreConfig, ports: Ports): Promise<Core> {
  if (!isValidProfileName(config.profile)) {
    throw new StewardError('invalid_input', `Profile name "${config.profile}" is not valid: use 1–40 lowercase letters, digits, "-" or "_".`);
  }
  if (ports.secrets.backend === 'memory' && config.host !== 'test') {
    throw new StewardError('keychain_unavailable', 'The in-memory secret store is for tests only; Steward needs the OS keychain.');
  }
  const clock = ports.clock ?? systemClock;
  const now = () => clock.now();
  const paths = resolvePaths(config.dataDir ?? defaultDataDir(), config.profile);
  mkdirSync(paths.profileDir, { recursive: true, mode: 0o700 });

  const db = await openDatabase({
    path: paths.databasePath,
    infoPath: paths.databaseInfoPath,
    secrets: ports.secrets,
    keyAccount: databaseKeyAccount(config.profile),
    now,
  });

  const events = new EventBus();
  const audit = new AuditLog(db.raw, now);
  const settings = new SettingsStore(db.raw, events, now);
  const conversationRepo = new ConversationRepo(db.raw, now);
  conversationRepo.markInterruptedStreams();
  const conversations = new ConversationService(db, conversationRepo, events);
  const tasks = new TaskRepo(db.raw);
  const llm = await LlmService.create({
    db: db.raw,
    settings,
    secrets: ports.secrets,
    events,
    modelsDir: paths.modelsDir,
    providerSpec: config.providerSpec,
    warmUp: config.warmUpModels ?? config.host !== 'test',
    inferenceLauncher: ports.inferenceLauncher,
    log: (message) => console.warn(`[steward] ${message}`),
  });
  const memory = createMemory({
    db: db.raw,
    provider: llm.router,
    embedder: providerEmbedder(llm.router),
    secrets: ports.secrets,
    clock,
    settings: () => settings.get().memory,
    onEvent: (event) => events.emit(event),
  });
  // Expiry questions and project summaries: once at start, then daily; the timer must not keep the process alive.
  const maintenance = setInterval(() => void memory.runMaintenance().catch(() => undefined), 86_400_000);
  maintenance.unref();
  void memory.runMaintenance().catch((err: unknown) => console.warn('[steward] memory maintenance failed', err));
  const models = createModelHandlers({ modelsDir: paths.modelsDir, settings, emit: (event) => events.emit(event) });

  const previews = new PreviewServers();
  let closed = false;
  const core: Core = {
    config,
    paths,
    events,
    db,
    audit,
    settings,
    secrets: ports.secrets,
    notifier: ports.notifier ?? silentNotifier,
    clock,
    conversations,
    llm,
    memory,
    call: (method, input, context) => dispatcher.call(method, input, context),
    request: <M extends MethodName>(method: M, input: MethodInput<M>, context: CallContext = { actor: config.host }) => dispatcher.call(method, input, context),
    async close() {
      if (closed) return;
      closed = true;
      // The agent stops its tasks the way a crash would, so they resume or show as interrupted next start.
      await agent?.close();
      await previews.stopAll();
      conversations.abortAll();
      await conversations.idle();
      clearInterval(maintenance);
      await memory.idle();
      await models.close();
      await llm.close();
      db.close();
    },
  };
  const dispatcher = new Dispatcher(handlers, () => ({ core, tasks, models }), db, audit, events);
  const agent =
    config.installAgent === false
      ? null
      : createAgent({ core, provider: llm.router, tools: builtinTools({ getSmtpConfig: () => settings.get().integrations.smtp, previews }), memory });
  if (agent) conversations.setHandler(modelGatedHandler(agent, () => llm.hasModel()));
  return core;
}
