import { readdirSync } from 'node:fs';
import { neutraliseMarkers } from '../../tools/untrusted-content.js';
import type { AgentNeeds } from '../agent-deps.js';
import type { ReplyChannel } from '../conversation-handler.js';
import { questionSystemPrompt } from '../prompt/system-prompts.js';
import type { TurnContext } from '../turn-context.js';
import { describeCapabilities, CAPABILITY_QUESTION } from './capabilities.js';
import { streamAnswer } from './conversation-reply.js';

type Needs = AgentNeeds<'conversations' | 'model' | 'registry' | 'secrets' | 'settings' | 'workspaceDir'>;

const MAX_DOCUMENTS_LISTED = 40;

/** A question: capability questions from the registry; everything else from memory, documents and the tool list. */
export async function replyQuestion(deps: Needs, input: { text: string; context: TurnContext; reply: ReplyChannel; signal: AbortSignal; conversationId: string }): Promise<void> {
  if (CAPABILITY_QUESTION.test(input.text)) {
    input.reply.say(await describeCapabilities(deps));
    return;
  }
  const infos = await deps.registry.infos({ secrets: deps.secrets, settings: deps.settings.get() });
  const tools = infos.map((t) => `- ${t.name}: ${t.description}${t.configured ? '' : ` (not set up: ${t.configurationProblem ?? 'needs setup'})`}`).join('\n') || '(none)';
  const system = questionSystemPrompt({ memory: input.context.memory, summary: input.context.history.summary, tools, documents: workspaceDocuments(deps.workspaceDir) });
  await streamAnswer(deps, { ...input, system, role: 'question' });
}

/** Names of the files in the workspace (names only: contents are read by tools, as untrusted data). */
function workspaceDocuments(dir: string): string {
  try {
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort()
      .slice(0, MAX_DOCUMENTS_LISTED);
    return names.map((n) => `- ${neutraliseMarkers(n)}`).join('\n');
  } catch {
    return '';
  }
}
