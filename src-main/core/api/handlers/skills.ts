/** Request handlers of the Skills view. */
import type { z } from 'zod';
import type { SKILL_METHODS } from '../../../../src-preload/schemas/skills.js';
import { skillsOf } from '../../agent/extension-services.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof SKILL_METHODS> = z.output<(typeof SKILL_METHODS)[M]['input']>;
const { sync } = handlersUsing<'extensions'>();

export const skillHandlers = {
  'skills.list': sync((_input: In<'skills.list'>, { extensions }) => skillsOf(extensions).list()),
  'skills.save': sync((input: In<'skills.save'>, { extensions }) => skillsOf(extensions).save(input)),
  'skills.saveFromTask': sync((input: In<'skills.saveFromTask'>, { extensions }) => skillsOf(extensions).saveFromTask(input)),
  'skills.import': sync((input: In<'skills.import'>, { extensions }) => skillsOf(extensions).store.importFile(input.text)),
  'skills.export': sync((input: In<'skills.export'>, { extensions }) => skillsOf(extensions).store.exportFile(input.name)),
  'skills.delete': sync((input: In<'skills.delete'>, { extensions }) => ({ deleted: skillsOf(extensions).store.delete(input.name) })),
  'skills.run': sync((input: In<'skills.run'>, { extensions }) => skillsOf(extensions).run(input)),
};
