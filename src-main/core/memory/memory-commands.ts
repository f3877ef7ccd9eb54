/**
 * Recognises the user's memory commands in chat: "Remember that …", "Forget …", "What do you
 * know about …?", "Show me my data", "Clear my data". Anything else is not a memory command.
 */
export type MemoryCommand =
  | { kind: 'remember'; statement: string }
  | { kind: 'forget'; query: string }
  | { kind: 'describe'; subject: string }
  | { kind: 'show_data' }
  | { kind: 'clear_data' };

export function parseMemoryCommand(text: string): MemoryCommand | null {
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
