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
import { modelNamedEmbedder, providerEmbedder } from './memory/embedder.js';
import { providerReranker } from './memory/reranker.js';
import { createMemory } from './memory/memory.js';
import { memoryLoggerFrom } from './memory/memory-log.js';
import { createAgent } from './agent/create-agent.js';
import { KnowledgeService } from './knowledge/knowledge-service.js';
import { memoryVectorVerdict } from './knowledge/passage-embeddings.js';
import { PeopleService } from './people/people-service.js';
import { memoryWithKnowledge } from './knowledge/knowledge-context.js';
import { modelGatedHandler } from './agent/model-gated-handler.js';
import { installMcp } from './mcp/install-mcp.js';
import { installSchedules } from './schedules/install-schedules.js';
import { installSkills } from './skills/install-skills.js';
import { installWorkflows } from './workflows/install-workflows.js';
import { demoOnboardingHandler } from './demo/demo-onboarding-handler.js';
import { builtinTools, PreviewServers } from './tools/builtin/index.js';
import { TransactionLedger } from './payments/transaction-ledger.js';
import { ConversationService } from './agent/conversation-service.js';
import type { CallContext, Core, CoreConfig } from './core-types.js';
import { StewardError } from './errors.js';
import { EventBus } from './events.js';
import { defaultDataDir, isValidProfileName, resolvePaths } from './paths.js';
import { silentNotifier, systemClock, type Ports } from './ports.js';
import { AuditAnchor } from './store/audit-anchor.js';
import { AuditLog } from './store/audit-log.js';
import { eraseConversation } from './store/conversation-erasure.js';
import { createLogger } from './logging/logger.js';
import { rotatingFileSink } from './logging/rotating-file-sink.js';
import { setInternalErrorLog } from './errors.js';
import { explainStorageError } from './store/store-errors.js';
import { ConversationRepo } from './store/conversation-repo.js';
import { openDatabase } from './store/database.js';
import { SettingsStore } from './store/settings-store.js';
import { AgentTaskStore } from './agent/tasks/agent-task-store.js';
import { TwoFactorService } from './security/two-factor/two-factor-service.js';
import type { AttachedAgent } from './agent/attached-agent.js';
import { INTEGRATIONS } from './integrations/index.js';
import { IntegrationService } from './integrations/integration-service.js';

export type { Core, CoreConfig, CallContext } from './core-types.js';

export const databaseKeyAccount = (profile: string): string => `db-key:${profile}`;

// eslint-disable-next-line max-lines-per-function -- the composition root (DESIGN §1): builds every service in dependency order; splitting it would hide that order
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
  try {
    mkdirSync(paths.profileDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw explainStorageError(paths.dataDir, err) ?? err;
  }
  const log = createLogger(ports.logSink ?? rotatingFileSink(paths.logFile), now);
  const releaseErrorLog = setInternalErrorLog({ location: log.location, write: (message, err) => log.error(message, err) });

  const db = await openDatabase({
    path: paths.databasePath,
    infoPath: paths.databaseInfoPath,
    secrets: ports.secrets,
    keyAccount: databaseKeyAccount(config.profile),
    now,
  }).catch((err: unknown) => {
    log.error('could not open the database', err);
    releaseErrorLog();
    throw err;
  });
  log.info(`started (${config.host}, profile ${config.profile}, schema ${db.schemaVersion})`);

  const events = new EventBus(log);
  const audit = new AuditLog(db.raw, now, {
    anchor: new AuditAnchor(`${paths.databasePath}.anchor`, db.sidecarKey),
    onAnchorError: (err) => log.error('could not update the audit anchor file', err),
  });
  const resealed = audit.resealLegacyRows();
  if (resealed.resealed > 0) log.info(`audit log: ${resealed.resealed} older rows re-sealed so they can be erased`);
  if (resealed.problem) log.warn(`audit log: older rows not re-sealed: ${resealed.problem}`);
  if (db.startup.uncleanShutdown) {
    // The last run ended without closing the database (killed, crashed, power loss): check it.
    const chain = audit.verify();
    const healthy = db.startup.integrity === 'ok' && chain.ok;
    log[healthy ? 'info' : 'error'](`the last run did not shut down cleanly; integrity check: ${db.startup.integrity}; audit chain: ${chain.ok ? 'ok' : chain.problem}`);
  }
  const settings = new SettingsStore(db.raw, events, now);
  const conversationRepo = new ConversationRepo(db.raw, now);
  conversationRepo.useEraser((id) => eraseConversation(db.raw, audit, id).deleted);
  conversationRepo.markInterruptedStreams();
  const conversations = new ConversationService(db, conversationRepo, events);
  const tasks = new AgentTaskStore(db, events, clock);
  const llm = await LlmService.create({
    db: db.raw,
    settings,
    secrets: ports.secrets,
    events,
    modelsDir: paths.modelsDir,
    providerSpec: config.providerSpec,
    warmUp: config.warmUpModels ?? config.host !== 'test',
    inferenceLauncher: ports.inferenceLauncher,
    log: (message) => log.warn(message),
  });
  // Named by the model that embeds (the router embeds with the embedding model, else the chat model):
  // memory and knowledge re-embed what they hold when it changes, so two models' vectors never mix.
  const embedder = modelNamedEmbedder(providerEmbedder(llm.router), () => settings.get().llm.embeddingModel ?? settings.get().llm.localModel ?? null);
  const memory = createMemory({
    db: db.raw,
    provider: llm.router,
    embedder,
    reranker: providerReranker(llm.router),
    secrets: ports.secrets,
    clock,
    settings: () => settings.get().memory,
    onEvent: (event) => events.emit(event),
    log: memoryLoggerFrom(log),
  });
  // With no embedding model memory stops asking for vectors; a settings change (a model was installed or chosen) lets it try again.
  events.subscribe((event) => {
    // After the model layer has applied the change, so the retry sees the new model.
    if (event.type === 'settings.changed') void llm.settled().then(() => memory.retryEmbeddings(), () => undefined);
  });
  // "Forget" and "clear" reach the audit log too: rows that mention a forgotten fact keep only a tombstone.
  events.subscribe((event) => {
    if (event.type !== 'memory.changed' || (event.change !== 'forgotten' && event.change !== 'cleared')) return;
    const needles = event.factIds.length > 0 ? event.factIds : [];
    const seqs = event.change === 'cleared' ? memoryAuditRows(db.raw) : audit.rowsMentioning(needles);
    const { erased } = audit.erase(seqs);
    if (erased > 0) log.info(`audit log: erased the arguments of ${erased} row(s) after memory was ${event.change}`);
  });
  // Expiry questions and project summaries: once at start, then daily; the timer must not keep the process alive.
  const maintenance = setInterval(() => void memory.runMaintenance().catch(() => undefined), 86_400_000);
  maintenance.unref();
  void memory.runMaintenance().catch((err: unknown) => log.warn('memory maintenance failed', err));
  const models = createModelHandlers({ modelsDir: paths.modelsDir, settings, emit: (event) => events.emit(event), log });
  // Knowledge folders: indexed into the same encrypted database; vectors only when memory's embedding model passed its check.
  const knowledge = new KnowledgeService({
    db: db.raw,
    now,
    log,
    embedder,
    vectorsUsable: () => memoryVectorVerdict(memory.embeddingStatus()),
  });
  knowledge.start();
  // A model installed, changed or removed: knowledge looks at its embedder again once the model layer has applied the change.
  events.subscribe((event) => {
    if (event.type === 'settings.changed') void llm.settled().then(() => knowledge.embeddingModelChanged(), () => undefined);
  });

  const people = new PeopleService(db.raw, () => clock.now());
  const twoFactor = new TwoFactorService({ db: db.raw, secrets: ports.secrets, clock, settings, accountLabel: config.profile });
  let attachedAgent: AttachedAgent | null = null;
  const integrations = new IntegrationService(INTEGRATIONS, { secrets: ports.secrets, settings: () => settings.get() });

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
    hostFiles: ports.hostFiles ?? null,
    demoLauncher: ports.demoLauncher ?? null,
    clock,
    log,
    conversations,
    llm,
    memory,
    knowledge,
    people,
    twoFactor,
    attachAgent(agent) {
      attachedAgent = agent;
      return () => {
        if (attachedAgent === agent) attachedAgent = null;
      };
    },
    assistant: () => attachedAgent,
    call: (method, input, context) => dispatcher.call(method, input, context),
    request: <M extends MethodName>(method: M, input: MethodInput<M>, context: CallContext = { actor: config.host }) => dispatcher.call(method, input, context),
    async close() {
      if (closed) return;
      closed = true;
      // The agent stops its tasks the way a crash would, so they resume or show as interrupted next start.
      await schedules?.scheduler.close();
      await workflows?.engine.close();
      await mcp?.close();
      await agent?.close();
      await previews.stopAll();
      conversations.abortAll();
      await conversations.idle();
      clearInterval(maintenance);
      await knowledge.close();
      await memory.idle();
      await models.close();
      await llm.close();
      try {
        audit.writeAnchor();
      } catch (err) {
        // Shutting down must finish even if the profile folder went away or the disk is full.
        log.error('could not update the audit anchor file at shutdown', err);
      }
      db.close();
      log.info('stopped cleanly');
      releaseErrorLog();
    },
  };
  const dispatcher = new Dispatcher(handlers, () => ({
      core,
      tasks,
      models,
      agent: attachedAgent?.control ?? null,
      twoFactor,
      extensions: attachedAgent?.extensions ?? null,
      toolStarter: attachedAgent?.toolStarter ?? null,
      integrations,
    }), db, audit, events, { log, dataFolder: paths.profileDir });
  const agent =
    config.installAgent === false
      ? null
      : createAgent({ core, provider: llm.router, tools: builtinTools({ getSmtpConfig: () => settings.get().integrations.smtp, getTwilioSettings: () => settings.get().integrations.twilio, previews, stripe: { ledger: new TransactionLedger(db.raw, clock), settings: () => settings.get() }, searchKnowledge: (query, limit) => knowledge.search(query, limit) }), memory: memoryWithKnowledge(memory, knowledge, log) });
  if (agent) conversations.setHandler(modelGatedHandler(agent, () => llm.hasModel()));
  // MCP servers' tools join the agent's registry; they start in the background.
  const mcp = agent ? installMcp(core, agent.deps) : null;
  // Scheduled tasks run as chat turns through the agent; the timer starts now.
  const schedules = agent ? installSchedules(core, agent.deps, agent) : null;
  if (agent) installSkills(core, agent.deps);
  // Workflow runs go through the same ToolRunner; runs a crash left unfinished carry on now.
  const workflows = agent ? installWorkflows(core, agent.deps) : null;
  // The HR demo (npm run demo) only: its onboarding sentence starts the workflow, read by fixed rules, even with no model installed.
  if (agent && workflows) conversations.setHandler(demoOnboardingHandler(core, workflows, modelGatedHandler(agent, () => llm.hasModel()), () => llm.hasModel()));
  return core;
}

/** After "clear my data" every memory request's arguments go: they named facts that no longer exist. */
function memoryAuditRows(raw: Core['db']['raw']): number[] {
  return (raw.prepare("SELECT seq FROM audit_log WHERE erased_at IS NULL AND action LIKE 'memory.%'").all() as { seq: number }[]).map((r) => r.seq);
}
