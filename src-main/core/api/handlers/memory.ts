/**
 * Handlers of the `memory.*` methods (the memory viewer, the local server, the CLI). They have
 * the same shape as the entries of api/handlers.ts: synchronous ones run inside the dispatcher's
 * transaction with their audit row (an import that fails leaves nothing behind); search (awaits
 * the embedder) and clear (VACUUM cannot run in a transaction) are asynchronous.
 */
import type { z } from 'zod';
import type { MemorySettings } from '../../../../src-preload/schemas/memory.js';
import { MEMORY_METHODS, type MemoryMethodName } from '../../../../src-preload/schemas/memory.js';
import type { CallContext } from '../../core-types.js';
import type { Memory } from '../../memory/memory.js';
import { MemoryAddRefusedError } from '../../memory/memory-errors.js';
import { actingPerson } from '../../people/acting-person.js';
import type { HandlerDeps } from '../handlers.js';

/** Reads and patches the `memory` section of the app settings (wired to core.settings by the composition root). */
export interface MemorySettingsAccess {
  get(): MemorySettings;
  /** Deep-merges `patch` into the memory settings, validates the whole, saves, returns the result. */
  update(patch: Record<string, unknown>): MemorySettings;
}

export interface MemoryHandlerContext {
  memory: Memory;
  settings: MemorySettingsAccess;
}

type In<M extends MemoryMethodName> = z.output<(typeof MEMORY_METHODS)[M]['input']>;
type Out<M extends MemoryMethodName> = z.output<(typeof MEMORY_METHODS)[M]['output']>;

export type MemoryHandler<M extends MemoryMethodName> =
  | { kind: 'sync'; run(input: In<M>, deps: HandlerDeps, context: CallContext): Out<M> }
  | { kind: 'async'; run(input: In<M>, deps: HandlerDeps, context: CallContext): Promise<Out<M>> };

export type MemoryHandlerTable = { [M in MemoryMethodName]: MemoryHandler<M> };

/**
 * Builds the memory handler table; `contextOf` picks the memory and its settings out of the
 * handler deps, e.g. `createMemoryHandlers(({ core }) => ({ memory: core.memory, settings: core.memorySettings }))`.
 */
export function createMemoryHandlers(contextOf: (deps: HandlerDeps) => MemoryHandlerContext): MemoryHandlerTable {
  const memory = (deps: HandlerDeps) => contextOf(deps).memory;
  return {
    'memory.search': { kind: 'async', run: (input, deps) => memory(deps).search(input) },
    'memory.list': { kind: 'sync', run: (input, deps) => memory(deps).list(input) },
    'memory.edit': { kind: 'sync', run: (input, deps) => memory(deps).edit(input) },
    'memory.add': { kind: 'async', run: (input, deps, context) => addByHand(memory(deps), input.statement, { companyOnly: isSomeoneElse(deps, context) }) },
    'memory.delete': { kind: 'sync', run: (input, deps) => memory(deps).deleteFacts(input.ids) },
    'memory.history': { kind: 'sync', run: (input, deps) => memory(deps).history(input.factId) },
    'memory.export': { kind: 'sync', run: (input, deps) => memory(deps).exportData(input.format) },
    'memory.import': {
      kind: 'sync',
      run: (input, deps) => {
        const { imported, skippedDuplicates } = memory(deps).importData(input.content);
        return { imported, skippedDuplicates };
      },
    },
    'memory.clear': { kind: 'async', run: async (_input, deps) => memory(deps).clearAll() },
    'memory.analytics': { kind: 'sync', run: (_input, deps) => memory(deps).analytics() },
    'memory.settings.get': { kind: 'sync', run: (_input, deps) => contextOf(deps).settings.get() },
    'memory.settings.update': { kind: 'sync', run: (input, deps) => contextOf(deps).settings.update(input.patch) },
    'memory.questions.list': { kind: 'sync', run: (input, deps) => memory(deps).questions(input.includeAnswered ?? false) },
    'memory.questions.answer': { kind: 'sync', run: (input, deps) => memory(deps).answer(input.id, input.answer) },
    'memory.workflows.list': { kind: 'sync', run: (_input, deps) => memory(deps).workflows() },
  };
}

/**
 * A person other than the owner (a director; memory-roles.ts has checked the role): what they add
 * is kept only as company facts — "I", "me" and "my" are the owner to memory, so a statement about
 * them would write (or correct) the owner's personal facts.
 */
function isSomeoneElse(deps: HandlerDeps, context: CallContext): boolean {
  return Boolean(context.personId) && actingPerson(deps.core, context).role !== 'owner';
}

/**
 * "Add a fact" on the Memory screen: read exactly like "Remember that …" in the chat, so it is the
 * user's own statement (source "user", no origin), sensitive data is refused and a contradiction
 * becomes a question. A refusal is an error so the screen shows it under the box.
 */
async function addByHand(memory: Memory, statement: string, scope: { companyOnly: boolean }): Promise<Out<'memory.add'>> {
  const result = await memory.remember(statement, {}, scope);
  if (result.refused) throw new MemoryAddRefusedError(result.reply);
  return { reply: result.reply, stored: result.stored, questions: result.questions };
}
