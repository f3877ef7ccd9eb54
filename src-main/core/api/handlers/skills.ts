/** Request handlers of the Skills view. */
import type { z } from 'zod';
import type { SKILL_METHODS } from '../../../../src-preload/schemas/skills.js';
import { skillsFor } from '../../skills/skill-registry.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof SKILL_METHODS> = z.output<(typeof SKILL_METHODS)[M]['input']>;
const { sync } = handlersUsing<'core'>();

export const skillHandlers = {
  'skills.list': sync((_input: In<'skills.list'>, { core }) => skillsFor(core).list()),
  'skills.save': sync((input: In<'skills.save'>, { core }) => skillsFor(core).save(input)),
  'skills.saveFromTask': sync((input: In<'skills.saveFromTask'>, { core }) => skillsFor(core).saveFromTask(input)),
  'skills.import': sync((input: In<'skills.import'>, { core }) => skillsFor(core).store.importFile(input.text)),
  'skills.export': sync((input: In<'skills.export'>, { core }) => skillsFor(core).store.exportFile(input.name)),
  'skills.delete': sync((input: In<'skills.delete'>, { core }) => ({ deleted: skillsFor(core).store.delete(input.name) })),
  'skills.run': sync((input: In<'skills.run'>, { core }) => skillsFor(core).run(input)),
};
