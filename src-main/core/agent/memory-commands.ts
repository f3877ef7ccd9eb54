import { parseMemoryCommand, withoutSlashMemoryCommand } from '../memory/memory-commands.js';
import type { MemoryPort } from './memory-port.js';

export type MemoryCommandReply = { reply: string; needsConfirmation: boolean };

/**
 * Exact memory commands short-circuit the model: they are the user's own words about what to keep,
 * so memory handles them directly (memory/memory-commands.ts is the one parser of them). Returns
 * null when the text is not a memory command. `companyOnly`: sent in the chat of someone other than
 * the owner (a director; people/memory-access.ts decided they may): memory changes company facts
 * only, never the owner's personal ones.
 */
export async function runMemoryCommand(
  memory: MemoryPort | null,
  text: string,
  meta: { conversationId: string; messageId: string; confirmed?: boolean; companyOnly?: boolean },
): Promise<MemoryCommandReply | null> {
  if (memory?.handleCommand) {
    const result = await memory.handleCommand(withoutSlashMemoryCommand(text), {
      conversationId: meta.conversationId,
      messageId: meta.messageId,
      confirmed: meta.confirmed ?? false,
      companyOnly: meta.companyOnly ?? false,
    });
    return result ? { reply: result.reply, needsConfirmation: result.needsConfirmation === true } : null;
  }
  const command = parseMemoryCommand(text);
  if (command?.kind !== 'remember' && command?.kind !== 'forget') return null;
  return { reply: `Business memory isn’t available in this version yet, so I can’t ${command.kind} that on purpose. Your message is saved in this conversation.`, needsConfirmation: false };
}
