/** knowledge.*: knowledge folders (Knowledge screen), the passages citations open and their files; tasks.sources: a task's cited passages. Spread into handlers.ts. */
import type { z } from 'zod';
import type { KNOWLEDGE_METHODS } from '../../../../src-preload/schemas/knowledge.js';
import type { CallContext, Core } from '../../core-types.js';
import { openSourceFile } from '../../knowledge/open-source-file.js';
import { passageView } from '../../knowledge/passage-view.js';
import { taskSources } from '../../knowledge/task-sources.js';
import { actingPerson } from '../../people/acting-person.js';
import { RoleRequiredError } from '../../people/people-errors.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof KNOWLEDGE_METHODS> = z.output<(typeof KNOWLEDGE_METHODS)[M]['input']>;
const { sync, async } = handlersUsing<'core'>();

/** Which folders of this computer get read is the owner's choice (the core reads them as the owner's user account). */
function ownerOnly(core: Core, context: CallContext, what: string): void {
  const person = actingPerson(core, context);
  if (person.role !== 'owner') throw new RoleRequiredError(person.name, person.role, what, 'the owner, whose computer it is');
}

export const knowledgeHandlers = {
  'knowledge.status': sync((_input: In<'knowledge.status'>, { core }) => core.knowledge.status()),
  'knowledge.folders.add': async(async (input: In<'knowledge.folders.add'>, { core }, context) => {
    ownerOnly(core, context, 'add knowledge folders');
    return core.knowledge.addFolder(input.path);
  }),
  'knowledge.folders.remove': sync((input: In<'knowledge.folders.remove'>, { core }, context) => {
    ownerOnly(core, context, 'remove knowledge folders');
    return { removed: core.knowledge.removeFolder(input.id) };
  }),
  'knowledge.folders.setPaused': sync((input: In<'knowledge.folders.setPaused'>, { core }, context) => {
    ownerOnly(core, context, 'pause knowledge folders');
    return core.knowledge.setPaused(input.id, input.paused);
  }),
  'knowledge.folders.rescan': sync((input: In<'knowledge.folders.rescan'>, { core }) => core.knowledge.rescan(input.id)),
  'knowledge.files.list': sync((input: In<'knowledge.files.list'>, { core }) => core.knowledge.repo.files(input.folderId, input.state)),
  'knowledge.search': async((input: In<'knowledge.search'>, { core }) => core.knowledge.search(input.query, input.limit ?? 5)),
  'knowledge.passage': async((input: In<'knowledge.passage'>, { core }) => passageView(core.knowledge.repo, input.id)),
  'knowledge.openFile': async(async (input: In<'knowledge.openFile'>, { core }, context) => {
    ownerOnly(core, context, 'open files on this computer');
    return openSourceFile(core.knowledge.repo, core.hostFiles, input.id);
  }),
  // Whose task it is is checked before this runs, like tasks.get (people/conversation-access.ts).
  'tasks.sources': sync((input: In<'tasks.sources'>, { core }) => taskSources(core.db.raw, input.id)),
};
