/**
 * Request handlers of Settings › People. The acting person comes from the call (the owner at this
 * computer, or whoever signed in to the shared server); the service checks what they may do.
 */
import type { z } from 'zod';
import type { PEOPLE_METHODS } from '../../../../src-preload/schemas/people.js';
import { actingPerson } from '../../people/acting-person.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof PEOPLE_METHODS> = z.output<(typeof PEOPLE_METHODS)[M]['input']>;
const { sync, async } = handlersUsing<'core'>();

export const peopleHandlers = {
  'people.list': sync((_input: In<'people.list'>, { core }, context) => {
    actingPerson(core, context);
    return core.people.list();
  }),
  'people.me': sync((_input: In<'people.me'>, { core }, context) => actingPerson(core, context)),
  'people.add': sync((input: In<'people.add'>, { core }, context) => core.people.add(actingPerson(core, context), input)),
  'people.update': sync((input: In<'people.update'>, { core }, context) => {
    const { id, ...patch } = input;
    return core.people.update(actingPerson(core, context), id, patch);
  }),
  'people.setPassword': async((input: In<'people.setPassword'>, { core }, context) => core.people.setPassword(actingPerson(core, context), input.id, input.password)),
  'people.issueToken': sync((input: In<'people.issueToken'>, { core }, context) => core.people.issueToken(actingPerson(core, context), input.id)),
  'people.signIn': async((input: In<'people.signIn'>, { core }) => core.people.startSession(input.email, input.password)),
  'people.signOut': sync((input: In<'people.signOut'>, { core }) => ({ signedOut: core.people.endSession(input.token) })),
};
