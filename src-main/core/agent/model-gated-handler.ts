import { parseMemoryCommand } from '../memory/memory-commands.js';
import { UnconfiguredAssistant, type ConversationHandler, type ReplyChannel, type Turn } from './conversation-handler.js';

/**
 * Routes turns to the agent when a model can answer, and otherwise says honestly that no
 * assistant is configured — except for what needs no model: slash commands (approve, cancel,
 * answer …) and exact memory commands ("Remember that …", "Forget …") still work.
 */
export function modelGatedHandler(agent: ConversationHandler, hasModel: () => boolean): ConversationHandler {
  const unconfigured = new UnconfiguredAssistant();
  const needsNoModel = (text: string) => text.trimStart().startsWith('/') || parseMemoryCommand(text) !== null;
  return {
    describe: () => (hasModel() ? agent.describe() : unconfigured.describe()),
    respond: (turn: Turn, reply: ReplyChannel) =>
      hasModel() || needsNoModel(turn.userMessage.text) ? agent.respond(turn, reply) : unconfigured.respond(turn, reply),
  };
}
