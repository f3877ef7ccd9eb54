import type { Core } from '../core/core-types.js';
import { toStewardError } from '../core/errors.js';
import { AGENT_COMMANDS_HELP } from '../core/agent/slash-commands.js';

export const HELP_TEXT = [
  'Type a message and press Enter to send it to Steward.',
  '  /status       where your data lives, keychain, assistant and task counts',
  '  /task <id>    show one background task',
  '  /clear        clear the screen and start a new conversation',
  '  /help         this help',
  '  /exit         quit (Ctrl+D works too)',
  '',
  'Agent ' + AGENT_COMMANDS_HELP.charAt(0).toLowerCase() + AGENT_COMMANDS_HELP.slice(1),
].join('\n');

export async function statusText(core: Core, conversationId: string | null): Promise<string> {
  const info = await core.request('app.info', {}, { actor: 'cli' });
  const tasks = await core.request('tasks.list', { limit: 500 }, { actor: 'cli' });
  const counts = new Map<string, number>();
  for (const task of tasks) counts.set(task.status, (counts.get(task.status) ?? 0) + 1);
  const taskLine = tasks.length === 0 ? 'none' : [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  return [
    `Steward ${info.version} · profile "${info.profile}"`,
    `Data:      ${info.databasePath}`,
    `Keychain:  ${info.keychain.backend} (${info.keychain.available ? 'available' : 'unavailable'})`,
    `Assistant: ${info.assistant.description}`,
    `Tasks:     ${taskLine}`,
    `Conversation: ${conversationId ?? '(new — send a message to start one)'}`,
  ].join('\n');
}

export async function taskText(core: Core, id: string | undefined): Promise<string> {
  if (!id) return 'Usage: /task <id>   (see /status for task counts)';
  try {
    const task = await core.request('tasks.get', { id }, { actor: 'cli' });
    return [
      `Task ${task.id}: ${task.title}`,
      `Status: ${task.status} · step ${task.step}/${task.totalSteps}`,
      `Updated: ${task.updatedAt}`,
      ...(task.summary ? [`Summary: ${task.summary}`] : []),
    ].join('\n');
  } catch (err) {
    return toStewardError(err).userMessage;
  }
}
