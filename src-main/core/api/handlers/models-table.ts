/**
 * The models.* entries of the handler table: each runs the model handler of the same name bound
 * to the core's one ModelManager (HandlerDeps.models, built by createModelHandlers).
 */
import { ModelMethodSchemas } from '../../../../src-preload/schemas/models.js';
import { async } from '../handler.js';
import type { ModelMethodInput, ModelMethodName, ModelMethodOutput } from './models.js';

type ModelHandlerTable = { [M in ModelMethodName]: ReturnType<typeof async<ModelMethodInput<M>, ModelMethodOutput<M>>> };

function forward<M extends ModelMethodName>(method: M) {
  return async<ModelMethodInput<M>, ModelMethodOutput<M>>((input, { models }) => models.handlers[method](input));
}

export const modelHandlers = Object.fromEntries((Object.keys(ModelMethodSchemas) as ModelMethodName[]).map((method) => [method, forward(method)])) as ModelHandlerTable;
