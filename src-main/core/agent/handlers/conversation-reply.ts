import type { ChatMessage } from '../../llm/provider.js';
import type { AgentNeeds } from '../agent-deps.js';
import type { ReplyChannel } from '../conversation-handler.js';
import { describeModelFailure } from '../model-failure.js';
import { conversationSystemPrompt, personaBlock } from '../prompt/system-prompts.js';
import type { TurnContext } from '../turn-context.js';
import { withCitations } from '../../knowledge/citations.js';

type Needs = AgentNeeds<'conversations' | 'model'>;

/** Plain chat: the model's answer streamed into the conversation as it is generated. */
export async function replyConversation(deps: Needs, input: { text: string; context: TurnContext; reply: ReplyChannel; signal: AbortSignal; conversationId: string }): Promise<void> {
  const system = conversationSystemPrompt({ memory: input.context.memory, summary: input.context.history.summary });
  await streamAnswer(deps, { ...input, system, role: 'conversation' });
}

export async function streamAnswer(
  deps: Needs,
  input: { text: string; context: TurnContext; reply: ReplyChannel; signal: AbortSignal; conversationId: string; system: string; role: 'conversation' | 'question' },
): Promise<void> {
  // The conversation's own persona and sampling (chat header › Conversation settings) shape the answer.
  const settings = deps.conversations.controls.settings(input.conversationId);
  const system = [input.system, personaBlock(settings.persona)].filter(Boolean).join('\n\n');
  const messages: ChatMessage[] = [{ role: 'system', content: system }, ...input.context.history.messages, { role: 'user', content: input.text }];
  const stream = input.reply.stream();
  try {
    const result = await deps.model.chat(
      {
        messages,
        maxTokens: input.context.replyTokens,
        temperature: settings.temperature,
        sampling: { topP: settings.topP },
        role: input.role,
        signal: input.signal,
        onToken: (piece) => stream.push(piece),
      },
      { taskId: null, conversationId: input.conversationId },
    );
    if (result.finishReason === 'aborted') {
      stream.fail('(Stopped.)');
      return;
    }
    const text = result.text.trim();
    // Knowledge passages the answer drew on: each "[n]" becomes a link to its passage, and a Sources line lists them.
    const answer = text ? withCitations(text, input.context.citations ?? []) : 'I don’t have an answer to that.';
    stream.complete(answer, { completionTokens: result.usage.completionTokens, model: result.model, ...(result.answeredBy && { answeredBy: result.answeredBy }) });
  } catch (err) {
    stream.fail(describeModelFailure(err, 'answer that'));
  }
}
