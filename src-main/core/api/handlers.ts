import type { MethodName, MethodOutput, Methods } from '../../../src-preload/contract.js';
import type { z } from 'zod';
import { CLOUD_API_KEY_ACCOUNT } from '../llm/openai/openai-provider.js';
import { async, sync, type HandlerOf } from './handler.js';
import { modelHandlers } from './handlers/models-table.js';
import { createMemoryHandlers } from './handlers/memory.js';
import { withMemoryRoles } from './handlers/memory-roles.js';
import { agentHandlers } from './handlers/agent.js';
import { artifactHandlers } from './handlers/artifacts.js';
import { integrationsHandlers } from './handlers/integrations.js';
import { paymentsHandlers } from './handlers/payments.js';
import { twoFactorHandlers } from './handlers/two-factor.js';
import { mcpHandlers } from './handlers/mcp.js';
import { scheduleHandlers } from './handlers/schedules.js';
import { skillHandlers } from './handlers/skills.js';
import { demoHandlers } from './handlers/demo.js';
import { chatControlHandlers } from './handlers/chat-controls.js';
import { attachmentHandlers } from './handlers/attachments.js';
import { peopleHandlers } from './handlers/people.js';
import { workflowHandlers } from './handlers/workflows.js';
import { fileHandlers } from './handlers/files.js';
import { knowledgeHandlers } from './handlers/knowledge.js';
import { cloudProviderHandlers } from './handlers/cloud-providers.js';
import { actingPersonId } from '../people/acting-person.js';

export type { HandlerDeps } from './handler.js';

type Input<M extends MethodName> = z.output<Methods[M]['input']>;

/** The handler of one contract method (see handler.ts for sync versus async). */
export type Handler<M extends MethodName> = HandlerOf<Input<M>, MethodOutput<M>>;

export type HandlerTable = { [M in MethodName]: Handler<M> };

export const handlers: HandlerTable = {
  'app.info': async(async (_input, { core }) => ({
    name: 'Steward' as const,
    version: core.config.version,
    profile: core.config.profile,
    dataDir: core.paths.dataDir,
    databasePath: core.paths.databasePath,
    logFile: core.log.location,
    host: core.config.host,
    keychain: await core.secrets.status(),
    assistant: core.conversations.describeAssistant(),
  })),
  // A signed-in person lists only their own conversations; the owner lists everyone's (a person's labelled).
  'conversations.list': sync((input, { core }, context) => core.conversations.repo.list(input.query, { ...input, personId: actingPersonId(core, context) ?? undefined })),
  'conversations.create': sync((input, { core }, context) => core.conversations.create(input.title, actingPersonId(core, context))),
  'conversations.rename': sync((input, { core }) => core.conversations.rename(input.id, input.title)),
  'conversations.delete': sync((input, { core }) => ({ deleted: core.conversations.delete(input.id) })),
  'messages.list': sync((input, { core }) => core.conversations.repo.messages(input.conversationId, input)),
  'chat.send': sync((input, { core }, context) => {
    // The person signed in sends it: the agent checks their role on every tool call it proposes.
    const { conversationId, message } = core.conversations.send({ ...input, personId: actingPersonId(core, context) });
    return { conversationId, message };
  }),
  'chat.stop': sync((input, { core }) => ({ stopped: core.conversations.stop(input.conversationId) })),
  'tasks.list': sync((input, { tasks }) => tasks.list(input)),
  'tasks.get': sync((input, { tasks }) => tasks.get(input.id)),
  'settings.get': sync((_input, { core }) => core.settings.get()),
  // Raising the two-factor threshold while 2FA is on needs a code (twoFactor.setThreshold), never a plain patch.
  'settings.update': sync((input, { core, twoFactor }) => core.settings.update(twoFactor.guardSettingsPatch(input.patch))),
  'audit.list': sync((input, { core }) => core.audit.list(input)),
  'audit.verify': sync((_input, { core }) => core.audit.verify()),
  'secrets.status': async((_input, { core }) => core.secrets.status()),
  ...modelHandlers,
  ...cloudProviderHandlers,
  'llm.status': sync((_input, { core }) => core.llm.status()),
  'llm.setCloudKey': async(async (input, { core }) => {
    if (input.apiKey === null) await core.secrets.delete(CLOUD_API_KEY_ACCOUNT);
    else await core.secrets.set(CLOUD_API_KEY_ACCOUNT, input.apiKey);
    return { stored: input.apiKey !== null };
  }),
  'llm.localApiKey': async(async (_input, { core }) => ({ key: await core.llm.localApiKey() })),
  'llm.regenerateLocalApiKey': async(async (_input, { core }) => ({ key: await core.llm.regenerateLocalApiKey() })),
  'router.stats': sync((input, { core }) =>
    core.llm.stats({ since: input.days ? new Date(core.clock.now().getTime() - input.days * 86_400_000) : undefined, utcOffsetMinutes: input.utcOffsetMinutes }),
  ),
  // Every memory request checks the acting person's role first (people/memory-access.ts).
  ...withMemoryRoles(createMemoryHandlers(({ core }) => ({
    memory: core.memory,
    settings: { get: () => core.settings.get().memory, update: (patch) => core.settings.update({ memory: patch }).memory },
  }))),
  ...agentHandlers,
  ...artifactHandlers,
  ...integrationsHandlers,
  ...paymentsHandlers,
  ...twoFactorHandlers,
  ...mcpHandlers,
  ...scheduleHandlers,
  ...skillHandlers,
  ...demoHandlers,
  ...chatControlHandlers,
  ...attachmentHandlers,
  ...peopleHandlers,
  ...workflowHandlers,
  ...fileHandlers,
  ...knowledgeHandlers,
};
