/**
 * The one parser of the user's memory commands in chat: "Remember that …", "Forget …", "What do
 * you know about …?", "Show me my data", "Clear my data", and the slash forms "/remember …" and
 * "/forget …". Anything else is not a memory command. Memory acts on them; the agent uses the same
 * parse to answer them without a model (and to say so when no memory is installed).
 */
export type MemoryCommand =
  | { kind: 'remember'; statement: string }
  | { kind: 'forget'; query: string }
  | { kind: 'describe'; subject: string }
  | { kind: 'show_data' }
  | { kind: 'clear_data' };

// "/remember x" is the chat's slash form of "Remember that x", "/forget x" of "Forget x".
const SLASH = /^\s*\/(remember|forget)\s+([\s\S]+?)\s*$/i;

export function parseMemoryCommand(text: string): MemoryCommand | null {
  const slash = SLASH.exec(text);
  if (slash) return parseMemoryCommand(spokenMemoryCommand(slash[1]!, slash[2]!));
  const t = text.trim().replace(/^(?:steward[,:]?\s+)?(?:please\s+|can you\s+|could you\s+)?/i, '').replace(/\s*(?:please|thanks|thank you)[.!]*$/i, '');
  let m: RegExpExecArray | null;
  if (/^(?:clear|delete|erase|wipe|remove)\s+(?:all\s+(?:of\s+)?)?(?:my|your)\s+(?:data|memory|memories)\b/i.test(t) || /^forget\s+everything\s*[.!]*$/i.test(t)) return { kind: 'clear_data' };
  if (/^(?:show|give|export|list)\s+(?:me\s+)?(?:all\s+)?(?:of\s+)?(?:my|the)\s+data\b/i.test(t) || /^what\s+(?:data\s+)?do\s+you\s+(?:have|store|keep)\s+(?:on|about)\s+me\b/i.test(t)) return { kind: 'show_data' };
  // "Remember to call Bob" is a request for a reminder, not a fact to keep.
  if ((m = /^remember(?:\s+that\s+|\s*:\s*|\s+(?!to\b|when\b|me\b))(.+)$/is.exec(t))) return { kind: 'remember', statement: m[1]!.trim() };
  // "Forget it" / "forget about that" are conversational, not a request to delete anything.
  if ((m = /^forget\s+(?:about\s+|that\s+|everything\s+(?:about|on)\s+|what\s+you\s+know\s+about\s+)?(.+?)[.!]*$/is.exec(t))) {
    const query = m[1]!.trim();
    return /^(?:about\s+)?(?:it|that|this|them)$/i.test(query) ? null : { kind: 'forget', query };
  }
  if ((m = /^(?:what\s+do\s+you\s+(?:know|remember)\s+about|tell\s+me\s+(?:what\s+you\s+know\s+)?about|who\s+is)\s+(.+?)\s*\??$/is.exec(t))) return { kind: 'describe', subject: m[1]!.trim() };
  return null;
}

/** The spoken sentence a slash memory command stands for, as memory is told it. */
export function spokenMemoryCommand(command: string, rest: string): string {
  return `${command.toLowerCase() === 'remember' ? 'Remember that' : 'Forget'} ${rest}`;
}

/** The spoken form of text that is a slash memory command; any other text as it is. */
export function withoutSlashMemoryCommand(text: string): string {
  const slash = SLASH.exec(text);
  return slash ? spokenMemoryCommand(slash[1]!, slash[2]!) : text;
}
