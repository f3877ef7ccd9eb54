/**
 * The memory requests with people's roles checked in the core (people/memory-access.ts): each
 * handler of the memory table runs only if the acting person's role allows it, and what a person
 * other than the owner reads has the owner's personal facts and past conversations taken out.
 */
import type { z } from 'zod';
import type { MEMORY_METHODS, MemoryMethodName } from '../../../../src-preload/schemas/memory.js';
import type { CallContext, Core } from '../../core-types.js';
import { StewardError } from '../../errors.js';
import { actingPerson } from '../../people/acting-person.js';
import { MEMORY_METHOD_ACCESS, memoryRefusal, type MemoryAccess } from '../../people/memory-access.js';
import type { MemoryHandler, MemoryHandlerTable } from './memory.js';

type Out<M extends MemoryMethodName> = z.output<(typeof MEMORY_METHODS)[M]['output']>;

/** A fact about the owner's own self, asked for by someone else. */
export class PersonalFactError extends StewardError {
  constructor(name: string) {
    super('unauthorized', `${name} may not see or change that fact: it is about the owner personally, so only the owner can. Nothing was changed.`);
  }
}

/** The id of memory's "you" (the owner), or null before memory knows anything about them. */
function selfEntityId(core: Core): string | null {
  const row = core.db.raw.prepare("SELECT id FROM memory_entities WHERE role = 'self'").get() as { id: string } | undefined;
  return row?.id ?? null;
}

function touchesSelf(core: Core, factIds: readonly string[], selfId: string | null): boolean {
  if (!selfId || factIds.length === 0) return false;
  const placeholders = factIds.map(() => '?').join(', ');
  return (core.db.raw.prepare(`SELECT 1 FROM memory_facts WHERE subject_entity_id = ? AND id IN (${placeholders}) LIMIT 1`).get(selfId, ...factIds) ?? null) !== null;
}

/** What someone other than the owner gets back: the same answer without the owner's personal memory. */
function withoutPersonal(method: MemoryMethodName, output: unknown, selfId: string | null, name: string): unknown {
  switch (method) {
    case 'memory.list': {
      const list = output as Out<'memory.list'>;
      const facts = list.facts.filter((f) => f.subjectEntityId !== selfId);
      return { facts, total: Math.max(0, list.total - (list.facts.length - facts.length)), entities: list.entities.filter((e) => e.id !== selfId) };
    }
    case 'memory.search': {
      const found = output as Out<'memory.search'>;
      // Past conversations memory keeps are the owner's: only facts about the company are shared.
      return { ...found, facts: found.facts.filter((f) => f.fact.subjectEntityId !== selfId), episodes: [] };
    }
    case 'memory.history': {
      const history = output as Out<'memory.history'>;
      if (history.timeline.some((f) => f.subjectEntityId === selfId)) throw new PersonalFactError(name);
      return history;
    }
    case 'memory.analytics': {
      const analytics = output as Out<'memory.analytics'>;
      return { ...analytics, mostUsed: analytics.mostUsed.filter((f) => f.subjectEntityId !== selfId), awaitingConfirmation: [] };
    }
    case 'memory.questions.list':
      // Questions quote the facts they are about; a director sees those about the company.
      return (output as Out<'memory.questions.list'>).filter((q) => !q.facts.some((f) => f.subjectEntityId === selfId));
    default:
      return output;
  }
}

/** The facts a change names (edit, delete, answering a question), checked before it runs so the owner's personal facts stay theirs. */
function factIdsOf(core: Core, method: MemoryMethodName, input: unknown): string[] {
  if (method === 'memory.edit') return [(input as { id: string }).id];
  if (method === 'memory.delete') return (input as { ids: string[] }).ids;
  // An answer keeps one of the question's facts and closes the others: the list hides those about the owner, and so must this.
  if (method === 'memory.questions.answer') {
    const rows = core.db.raw.prepare('SELECT fact_id FROM memory_question_facts WHERE question_id = ?').all((input as { id: string }).id) as { fact_id: string }[];
    return rows.map((r) => r.fact_id);
  }
  return [];
}

function guarded<M extends MemoryMethodName>(method: M, handler: MemoryHandler<M>): MemoryHandler<M> {
  // Runs before the handler: refused requests change nothing; returns the filter for what it answers.
  const check = (core: Core, context: CallContext, input: unknown): ((output: unknown) => unknown) | null => {
    if (!context.personId) return null; // the owner at this computer
    const person = actingPerson(core, context);
    if (person.role === 'owner') return null;
    // A memory request added later without a rule here is the owner's until it gets one (fails closed).
    const refusal = memoryRefusal(person, (MEMORY_METHOD_ACCESS as Record<string, MemoryAccess>)[method] ?? 'owner');
    if (refusal) throw refusal;
    const selfId = selfEntityId(core);
    if (touchesSelf(core, factIdsOf(core, method, input), selfId)) throw new PersonalFactError(person.name);
    return (output) => withoutPersonal(method, output, selfId, person.name);
  };
  if (handler.kind === 'sync') {
    return {
      kind: 'sync',
      run: (input, deps, context) => {
        const filter = check(deps.core, context, input);
        const output = handler.run(input, deps, context);
        return (filter ? filter(output) : output) as Out<M>;
      },
    } as MemoryHandler<M>;
  }
  return {
    kind: 'async',
    run: async (input, deps, context) => {
      const filter = check(deps.core, context, input);
      const output = await handler.run(input, deps, context);
      return (filter ? filter(output) : output) as Out<M>;
    },
  } as MemoryHandler<M>;
}

/** The memory table with every handler role-checked. */
export function withMemoryRoles(table: MemoryHandlerTable): MemoryHandlerTable {
  const out: Partial<Record<MemoryMethodName, unknown>> = {};
  for (const method of Object.keys(table) as MemoryMethodName[]) out[method] = guarded(method, table[method] as MemoryHandler<typeof method>);
  return out as MemoryHandlerTable;
}
