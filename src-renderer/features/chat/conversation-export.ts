import type { Conversation, Message } from '../../../src-preload/contract.js';

const SPEAKERS: Record<string, string> = { manager: 'Manager', supervisor: 'Supervisor', employee: 'Employee' };

function speakerOf(message: Message): string {
  if (message.role === 'user') return 'You';
  if (message.role === 'system') return 'Steward notice';
  return message.agent ? (SPEAKERS[message.agent] ?? 'Steward') : 'Steward';
}

/** A conversation as Markdown: a title, then each message under who said it and when. */
export function conversationMarkdown(conversation: Pick<Conversation, 'title'>, messages: readonly Message[]): string {
  const parts = [`# ${conversation.title}`, ''];
  for (const message of messages) {
    parts.push(`## ${speakerOf(message)} · ${message.createdAt}`, '', message.text, '');
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

/** The same as JSON: the conversation and its messages exactly as the API returns them. */
export function conversationJson(conversation: Conversation, messages: readonly Message[]): string {
  return `${JSON.stringify({ format: 'steward-conversation', version: 1, conversation, messages }, null, 2)}\n`;
}

/** A file name from the title: letters, digits and dashes. */
export function exportFileName(title: string, extension: 'md' | 'json'): string {
  const base = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'conversation';
  return `${base}.${extension}`;
}
