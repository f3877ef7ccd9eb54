/**
 * The models.* entries of the handler table: each runs the model handler of the same name bound
 * to the core's one ModelManager (HandlerDeps.models, built by createModelHandlers).
 */
import type { z } from 'zod';
import { ModelMethodSchemas } from '../../../../src-preload/schemas/models.js';
import { async } from '../handler.js';
import type { ModelMethodInput, ModelMethodName, ModelMethodOutput } from './models.js';
import { ModelHubMethodSchemas } from '../../../../src-preload/schemas/model-hub.js';
import type { ModelHubMethodName } from './model-hub.js';

type ModelHubInput<M extends ModelHubMethodName> = z.output<(typeof ModelHubMethodSchemas)[M]['input']>;
type ModelHubOutput<M extends ModelHubMethodName> = z.output<(typeof ModelHubMethodSchemas)[M]['output']>;

type ModelHandlerTable = { [M in ModelMethodName]: ReturnType<typeof async<ModelMethodInput<M>, ModelMethodOutput<M>>> };

function forward<M extends ModelMethodName>(method: M) {
  return async<ModelMethodInput<M>, ModelMethodOutput<M>>((input, { models }) => models.handlers[method](input));
}

type ModelHubHandlerTable = { [M in ModelHubMethodName]: ReturnType<typeof async<ModelHubInput<M>, ModelHubOutput<M>>> };

function forwardHub<M extends ModelHubMethodName>(method: M) {
  return async<ModelHubInput<M>, ModelHubOutput<M>>((input, { models }) => models.hub[method](input));
}

export const modelHandlers = {
  ...(Object.fromEntries((Object.keys(ModelMethodSchemas) as ModelMethodName[]).map((method) => [method, forward(method)])) as ModelHandlerTable),
  ...(Object.fromEntries((Object.keys(ModelHubMethodSchemas) as ModelHubMethodName[]).map((method) => [method, forwardHub(method)])) as ModelHubHandlerTable),
};
