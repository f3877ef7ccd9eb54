/** cloudProviders.*: OpenAI-compatible providers side by side (Models › Cloud providers). Spread into handlers.ts. */
import type { z } from 'zod';
import { CLOUD_PRESETS, type CloudProviderMethodSchemas } from '../../../../src-preload/schemas/cloud-providers.js';
import { CloudProviderStore } from '../../integrations/cloud-model/cloud-providers.js';
import { listProviderModels, testProvider } from '../../integrations/cloud-model/provider-models.js';
import type { Core } from '../../core-types.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof CloudProviderMethodSchemas> = z.output<(typeof CloudProviderMethodSchemas)[M]['input']>;
const { async } = handlersUsing<'core'>();

function store(core: Core): CloudProviderStore {
  return new CloudProviderStore({ get: () => core.settings.get(), update: (patch) => core.settings.update(patch) }, core.secrets);
}

export const cloudProviderHandlers = {
  'cloudProviders.list': async(async (_input: In<'cloudProviders.list'>, { core }) => ({ presets: [...CLOUD_PRESETS], providers: await store(core).list() })),
  'cloudProviders.save': async((input: In<'cloudProviders.save'>, { core }) => store(core).save(input)),
  'cloudProviders.remove': async(async (input: In<'cloudProviders.remove'>, { core }) => ({ removed: await store(core).remove(input.id) })),
  'cloudProviders.models': async(async (input: In<'cloudProviders.models'>, { core }) => {
    const providers = store(core);
    return { id: input.id, models: await listProviderModels(providers.get(input.id), await providers.apiKey(input.id)) };
  }),
  'cloudProviders.test': async(async (input: In<'cloudProviders.test'>, { core }) => {
    const providers = store(core);
    return testProvider(providers.get(input.id), await providers.apiKey(input.id));
  }),
  'cloudProviders.use': async((input: In<'cloudProviders.use'>, { core }) => store(core).use(input.id, input.model)),
};
