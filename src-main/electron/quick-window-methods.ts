import { methods, type MethodName } from '../../src-preload/contract.js';

/**
 * What the quick-command window may ask for. It sends a message and answers approvals and
 * questions; it reads what its view shows. It never changes settings, keys, memory, models or
 * integrations: an always-on-top window is the easiest one to misuse, so it gets the least.
 */
const QUICK_WINDOW_CHANGES: ReadonlySet<MethodName> = new Set<MethodName>(['chat.send', 'approvals.respond', 'clarifications.answer']);

/** Reads that hand out secrets or everything at once, and the file dialogs (browse, native, reveal), stay with the main window. */
const MAIN_WINDOW_ONLY_READS = /^(llm\.localApiKey|memory\.export|audit\.|secrets\.|twoFactor\.|files\.)/;

export function quickWindowMayCall(method: MethodName): boolean {
  const spec = methods[method] as { mutates: boolean } | undefined;
  if (!spec) return false;
  if (spec.mutates) return QUICK_WINDOW_CHANGES.has(method);
  return !MAIN_WINDOW_ONLY_READS.test(method);
}
