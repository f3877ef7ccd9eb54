import type { MemoryPort } from './memory-port.js';

export type MemoryCommandReply = { reply: string; needsConfirmation: boolean };

// Exact forms only ("remember that …", "remember: …"): "remember to call Bob" is a request, not a fact.
const REMEMBER = /^\s*(?:please\s+)?remember\s*(?:that\s+|:\s*)([\s\S]+?)\s*$/i;
const FORGET = /^\s*(?:please\s+)?forget\s*(?:that\s+|about\s+|:\s*)([\s\S]+?)\s*$/i;
const SLASH = /^\s*\/(remember|forget)\s+([\s\S]+?)\s*$/i;

/** Recognises the exact memory commands when no memory is installed (memory parses its own otherwise). */
export function parseMemoryCommand(text: string): { kind: 'remember' | 'forget'; text: string } | null {
  const slash = SLASH.exec(text);
  if (slash) return { kind: slash[1]!.toLowerCase() as 'remember' | 'forget', text: slash[2]! };
  const remember = REMEMBER.exec(text);
  if (remember) return { kind: 'remember', text: remember[1]! };
  const forget = FORGET.exec(text);
  if (forget) return { kind: 'forget', text: forget[1]! };
  return null;
}

/**
 * Exact memory commands short-circuit the model: they are the user's own words about what to keep,
 * so memory handles them directly. Returns null when the text is not a memory command.
 */
export async function runMemoryCommand(memory: MemoryPort | null, text: string, meta: { conversationId: string; messageId: string; confirmed?: boolean }): Promise<MemoryCommandReply | null> {
  // "/remember x" is the chat's slash form of "remember that x".
  const slash = SLASH.exec(text);
  const spoken = slash ? `${slash[1]!.toLowerCase() === 'remember' ? 'Remember that' : 'Forget'} ${slash[2]}` : text;
  if (memory?.handleCommand) {
    const result = await memory.handleCommand(spoken, { conversationId: meta.conversationId, messageId: meta.messageId, confirmed: meta.confirmed ?? false });
    return result ? { reply: result.reply, needsConfirmation: result.needsConfirmation === true } : null;
  }
  const command = parseMemoryCommand(text);
  if (!command) return null;
  return { reply: `Business memory isn’t available in this version yet, so I can’t ${command.kind} that on purpose. Your message is saved in this conversation.`, needsConfirmation: false };
}
