import type { ConversationHandler, ReplyChannel, Turn } from '../../../../src-main/core/agent/conversation-handler.js';

/**
 * A conversation handler that answers through the real streaming path: an agent.status line,
 * then a reply streamed in the given pieces. `gate` lets a test stop it between pieces.
 */
export function streamingHandler(pieces: string[], options: { agent?: 'manager' | 'supervisor' | 'employee'; gate?: () => Promise<void> } = {}): ConversationHandler {
  return {
    describe: () => ({ configured: true, description: 'scripted test assistant' }),
    async respond(_turn: Turn, reply: ReplyChannel) {
      reply.status(options.agent ?? 'employee', 'Writing the draft…');
      const stream = reply.stream({ agent: options.agent ?? 'employee' });
      for (const piece of pieces) {
        stream.push(piece);
        if (options.gate) await options.gate();
      }
      stream.complete();
    },
  };
}
