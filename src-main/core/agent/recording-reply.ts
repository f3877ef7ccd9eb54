import type { Message } from '../../../src-preload/contract.js';
import type { ReplyChannel } from './conversation-handler.js';

/** Passes everything through to `reply` and keeps the messages written, so the turn can be learned from afterwards. */
export function recordingReply(reply: ReplyChannel): { channel: ReplyChannel; messages(): Message[] } {
  const written: Message[] = [];
  const channel: ReplyChannel = {
    conversationId: reply.conversationId,
    say: (text, options) => {
      const message = reply.say(text, options);
      written.push(message);
      return message;
    },
    stream: (options) => {
      const inner = reply.stream(options);
      return {
        messageId: inner.messageId,
        push: (delta) => inner.push(delta),
        complete: (finalText, stats) => {
          const message = inner.complete(finalText, stats);
          written.push(message);
          return message;
        },
        fail: (userMessage) => inner.fail(userMessage),
      };
    },
    status: (role, text, taskId) => reply.status(role, text, taskId),
  };
  return { channel, messages: () => written.filter((m) => m.role === 'assistant' && m.status === 'complete') };
}
