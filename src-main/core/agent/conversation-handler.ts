import type { AgentRole, Message } from '../../../src-preload/contract.js';
import type { AnsweredBy } from '../llm/provider.js';

/** What the model reported about a finished reply, for its speed line (tokens per second) and its "answered by" line. */
export interface ReplyStats {
  completionTokens: number;
  model: string;
  /** Where the model ran (the router says): on this computer, or at which cloud provider. */
  answeredBy?: AnsweredBy;
}

/** A reply being streamed into the chat: persisted at start, updated on completion. */
export interface StreamingReply {
  readonly messageId: string;
  push(delta: string): void;
  /** With `stats`, the reply's speed (time to first token, tokens per second) is stored with it. */
  complete(finalText?: string, stats?: ReplyStats): Message;
  fail(userMessage: string): Message;
}

/** What a handler may do to the conversation it is answering. Every write is committed before its event. */
export interface ReplyChannel {
  readonly conversationId: string;
  say(text: string, options?: { agent?: AgentRole | null; role?: 'assistant' | 'system' }): Message;
  stream(options?: { agent?: AgentRole | null }): StreamingReply;
  status(role: AgentRole, text: string, taskId?: string | null): void;
}

export interface Turn {
  conversationId: string;
  userMessage: Message;
  signal: AbortSignal;
  /**
   * The person who sent the message (people/), whose role every tool call of this turn is checked
   * against; null or absent: the owner at this computer.
   */
  personId?: string | null;
}

/**
 * Answers user messages. The agent issue provides the real one; until then the core installs
 * UnconfiguredAssistant, which says honestly that no assistant is set up.
 */
export interface ConversationHandler {
  describe(): { configured: boolean; description: string };
  respond(turn: Turn, reply: ReplyChannel): Promise<void>;
}

export const NO_ASSISTANT_MESSAGE =
  'No assistant is configured yet, so I can’t act on this. Your message is saved. ' +
  'To get answers, install a local model on the Models screen (or `npm run models -- pull <id>` in a terminal), or connect a cloud model under Integrations › Cloud model.';

export class UnconfiguredAssistant implements ConversationHandler {
  describe() {
    return { configured: false, description: 'No assistant is configured yet: install a local model or connect a cloud model.' };
  }

  async respond(_turn: Turn, reply: ReplyChannel): Promise<void> {
    reply.say(NO_ASSISTANT_MESSAGE, { role: 'system' });
  }
}
