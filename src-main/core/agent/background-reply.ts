import type { AgentRole, Message } from '../../../src-preload/contract.js';
import { NotFoundError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { ConversationRepo } from '../store/conversation-repo.js';
import type { StewardDatabase } from '../store/database.js';
import type { ReplyChannel, StreamingReply } from './conversation-handler.js';

export interface BackgroundReplyDeps {
  db: StewardDatabase;
  repo: ConversationRepo;
  events: EventBus;
  now: () => Date;
}

/**
 * A ReplyChannel for work that outlives the turn that started it (background tasks, answers that
 * arrive later, recovery after a restart). Like the turn's channel, every message is committed
 * before its event. When the conversation was deleted meanwhile, messages go nowhere: the task
 * still finishes and its state stays in the task list.
 */
export function createBackgroundReply(deps: BackgroundReplyDeps, conversationId: string | null): ReplyChannel {
  const orphan = (text: string, agent: AgentRole | null, role: Message['role']): Message => ({
    id: 'orphan',
    conversationId: conversationId ?? 'none',
    role,
    agent,
    text,
    status: 'complete',
    createdAt: deps.now().toISOString(),
  });
  const write = (text: string, agent: AgentRole | null, role: Message['role']): Message => {
    if (!conversationId) return orphan(text, agent, role);
    try {
      return deps.events.deferWhile(() =>
        deps.db.transaction(() => {
          const message = deps.repo.addMessage({ conversationId, role, agent, text, status: 'complete' });
          deps.events.emit({ type: 'message.created', message });
          deps.events.emit({ type: 'message.completed', message });
          return message;
        }),
      );
    } catch (err) {
      if (err instanceof NotFoundError) return orphan(text, agent, role);
      throw err;
    }
  };
  return {
    conversationId: conversationId ?? 'none',
    say: (text, options = {}) => write(text, options.agent ?? null, options.role ?? 'assistant'),
    stream: (options = {}) => bufferedStream((text, failed) => {
      const message = write(text, options.agent ?? null, 'assistant');
      return failed ? { ...message, status: 'error' } : message;
    }),
    status: (role, text, taskId = null) => {
      if (conversationId) deps.events.emit({ type: 'agent.status', conversationId, taskId, role, text });
    },
  };
}

/** Background work has nobody watching token by token, so a stream is written once, when it completes. */
function bufferedStream(finish: (text: string, failed: boolean) => Message): StreamingReply {
  let text = '';
  let done: Message | null = null;
  return {
    messageId: 'pending',
    push: (delta) => {
      if (!done) text += delta;
    },
    complete: (finalText) => (done ??= finish(finalText ?? text, false)),
    fail: (userMessage) => (done ??= finish(text ? `${text}\n\n${userMessage}` : userMessage, true)),
  };
}
