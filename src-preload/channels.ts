/**
 * Method names and IPC channel names, kept free of zod so the sandboxed preload bundle stays tiny.
 * contract.ts checks at compile time that this list and its schemas name the same methods.
 */
export const METHOD_NAMES = [
  'app.info',
  'conversations.list',
  'conversations.create',
  'conversations.rename',
  'conversations.delete',
  'messages.list',
  'chat.send',
  'tasks.list',
  'tasks.get',
  'settings.get',
  'settings.update',
  'audit.list',
  'audit.verify',
  'secrets.status',
  'models.catalog',
  'models.list',
  'models.recommend',
  'models.pull',
  'models.cancel',
  'models.import',
  'models.delete',
  'models.setDefault',
  'llm.status',
  'llm.setCloudKey',
  'router.stats',
  'memory.search',
  'memory.list',
  'memory.edit',
  'memory.delete',
  'memory.history',
  'memory.export',
  'memory.import',
  'memory.clear',
  'memory.analytics',
  'memory.settings.get',
  'memory.settings.update',
  'memory.questions.list',
  'memory.questions.answer',
  'memory.workflows.list',
  'approvals.list',
  'approvals.respond',
  'clarifications.list',
  'clarifications.answer',
  'tasks.cancel',
  'tools.list',
  'tools.setPermission',
  'artifacts.preview',
  'artifacts.diff',
  'tasks.steps',
  'integrations.status',
  'integrations.setSecret',
  'integrations.test',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/** One invoke channel per method: the main process registers exactly these and nothing else. */
export const methodChannel = (method: MethodName): string => `steward:call:${method}`;
export const EVENT_CHANNEL = 'steward:event';
