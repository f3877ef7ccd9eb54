import type { ChatMessage } from '../llm/provider.js';
import { provenanceOf, splitOrigins, type Provenance } from '../tools/provenance.js';
import type { AgentNeeds } from './agent-deps.js';
import type { ReplyCitation } from './memory-port.js';
import { memoryContextFor } from './memory-context.js';
import type { HistoryWindow } from './prompt/history-window.js';
import { estimateTokens, excerpt, messageTokens } from './prompt/token-estimate.js';

type Needs = AgentNeeds<'conversations' | 'history' | 'log' | 'memory' | 'model'>;

export interface TurnContext {
  contextSize: number;
  /** Tokens the model may use for its answer. */
  replyTokens: number;
  memory: string;
  history: HistoryWindow;
  /** 'untrusted' when any untrusted text is in the context: earlier tool results, pasted text, memory read from elsewhere. */
  provenance: Provenance;
  /** The untrusted origins behind `provenance` (empty when everything came from the user). */
  origins: string[];
  /** Knowledge passages in `memory` the reply may cite as [n] (linked in the reply by code). */
  citations?: readonly ReplyCitation[];
}

export type PreparedTurn = { ok: true; context: TurnContext } | { ok: false; message: string };

/**
 * Splits the model's context window for one turn: room for the answer, the system prompt, the
 * memory context, the user's message, and — with what is left — the conversation history
 * (recent turns verbatim, older ones summarised). A message that cannot fit on its own gets a
 * clear reply instead of a truncated prompt.
 */
export async function prepareTurn(
  deps: Needs,
  input: { conversationId: string; messageId: string | null; text: string; systemTokens: number; signal?: AbortSignal; messageOrigins?: readonly string[]; companyMemoryOnly?: boolean },
): Promise<PreparedTurn> {
  const info = await deps.model.info();
  const contextSize = info.contextSize;
  // The conversation's "Max tokens" setting, when set, sizes the answer (within three quarters of the context).
  const wanted = deps.conversations.repo.exists(input.conversationId) ? deps.conversations.controls.settings(input.conversationId).maxTokens : null;
  const replyTokens = wanted ? Math.min(wanted, Math.floor(contextSize * 0.75)) : Math.min(1024, Math.floor(contextSize * 0.25));
  const systemTokens = Math.max(input.systemTokens, 200);
  const currentTokens = messageTokens(input.text);
  const room = contextSize - replyTokens - systemTokens - 32;
  if (currentTokens > room) {
    return {
      ok: false,
      message:
        `Your message is about ${currentTokens.toLocaleString('en-US')} tokens, but the current model can read about ${Math.max(0, room).toLocaleString('en-US')} at once, so I didn’t send it to the model. ` +
        'Your message is saved. Split it into smaller parts, save it as a file in the workspace and ask me about the file, or use a model with a larger context (Models › Engine).',
    };
  }
  const memoryBudget = Math.min(Math.floor(contextSize * 0.15), room - currentTokens);
  // Someone other than the owner gets company memory only: the owner's personal facts and past chats stay theirs.
  const recalled = await memoryContextFor(deps.memory, input.text, memoryBudget, deps.log, { companyOnly: input.companyMemoryOnly ?? false });
  const memory = recalled.text;
  const historyBudget = room - currentTokens - estimateTokens(memory);
  const history = await deps.history.build({ conversationId: input.conversationId, excludeMessageId: input.messageId, budgetTokens: historyBudget, model: deps.model, signal: input.signal });
  // The least trusted origin in the context decides: the message itself, the history, memory.
  const origins = [...new Set([...(input.messageOrigins ?? []), ...history.untrusted.flatMap(splitOrigins), ...recalled.origins])];
  return { ok: true, context: { contextSize, replyTokens, memory, history, provenance: provenanceOf(origins), origins, citations: recalled.citations ?? [] } };
}

/** The last few turns, for prompts that need only the immediate context (intent, planning). */
export function recentTurns(history: HistoryWindow, maxMessages = 8): ChatMessage[] {
  return history.messages.slice(-maxMessages);
}

/** Recent turns as plain text for the Manager's brief, within a token budget. */
export function contextText(history: HistoryWindow, maxTokens = 1500): string {
  const lines = history.messages.slice(-10).map((m) => `${m.role === 'user' ? 'User' : 'Steward'}: ${m.content}`);
  const summary = history.summary ? `Earlier (summary): ${history.summary}\n` : '';
  return excerpt(`${summary}${lines.join('\n')}`, maxTokens);
}
