/**
 * Business memory and people. The rules, decided by code over the person's stored role:
 * - everyone reads company memory (facts about the company, its people, projects, tools);
 * - memory's "you" is the owner: facts about the owner's own self and the past conversations memory
 *   keeps (the owner's) are personal, shown to the owner only;
 * - adding, editing, forgetting facts and answering memory's questions needs the director role
 *   (or the owner), and never touches the owner's personal facts;
 * - export, import, clear and memory settings are the owner's alone.
 */
import type { MemoryMethodName } from '../../../src-preload/schemas/memory.js';
import { parseMemoryCommand } from '../memory/memory-commands.js';
import { RoleRequiredError } from './people-errors.js';
import type { Person } from './person.js';
import { roleAtLeast } from './roles.js';

export type MemoryAccess = 'read' | 'edit' | 'owner';

/** What each memory request needs. */
export const MEMORY_METHOD_ACCESS = {
  'memory.search': 'read',
  'memory.list': 'read',
  'memory.history': 'read',
  'memory.analytics': 'read',
  'memory.workflows.list': 'read',
  'memory.settings.get': 'read',
  'memory.questions.list': 'edit',
  'memory.questions.answer': 'edit',
  'memory.add': 'edit',
  'memory.edit': 'edit',
  'memory.delete': 'edit',
  'memory.export': 'owner',
  'memory.import': 'owner',
  'memory.clear': 'owner',
  'memory.settings.update': 'owner',
} as const satisfies Partial<Record<MemoryMethodName, MemoryAccess>>;

const WHAT: Record<Exclude<MemoryAccess, 'read'>, { what: string; needs: string }> = {
  edit: { what: 'change business memory (add, edit or forget facts, answer its questions)', needs: 'the director role' },
  owner: { what: 'export, import or clear business memory, or change its settings', needs: 'the owner role' },
};

/** Null when the person may; the refusal (naming the role that would) otherwise. The owner may do everything. */
export function memoryRefusal(person: Person, access: MemoryAccess): RoleRequiredError | null {
  if (access === 'read' || person.role === 'owner') return null;
  if (access === 'edit' && roleAtLeast(person.role, 'director')) return null;
  const { what, needs } = WHAT[access];
  return new RoleRequiredError(person.name, person.role, what, needs);
}

export type ChatMemoryAccess = { kind: 'allowed' } | { kind: 'not_a_command' } | { kind: 'refused'; message: string };

/**
 * A memory command typed in a chat, for the person sending it (null: the owner, who may use them
 * all). "What do you know about …" from someone else is answered as an ordinary question, from
 * company memory only, so it cannot read the owner's personal facts.
 */
export function chatMemoryCommandAccess(text: string, person: Person | null): ChatMemoryAccess {
  if (!person || person.role === 'owner') return { kind: 'allowed' };
  const slash = /^\s*\/(remember|forget)\s+([\s\S]+?)\s*$/i.exec(text);
  const command = parseMemoryCommand(slash ? `${slash[1]!.toLowerCase() === 'remember' ? 'Remember that' : 'Forget'} ${slash[2]}` : text);
  if (!command || command.kind === 'describe') return { kind: 'not_a_command' };
  const refusal = memoryRefusal(person, command.kind === 'remember' || command.kind === 'forget' ? 'edit' : 'owner');
  return refusal ? { kind: 'refused', message: `${refusal.userMessage} Nothing was changed.` } : { kind: 'allowed' };
}

/** A memory command from a profile Steward no longer knows (its row is gone): refused, never run as the owner's. */
export function removedProfileAccess(text: string): ChatMemoryAccess {
  const command = parseMemoryCommand(text);
  if (!command || command.kind === 'describe') return { kind: 'not_a_command' };
  return { kind: 'refused', message: 'The profile that sent this is no longer known to Steward, so nothing was changed.' };
}
