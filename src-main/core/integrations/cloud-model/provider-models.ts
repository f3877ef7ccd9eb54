/**
 * A provider's models from its /v1/models, through the openai SDK, and the connection test built
 * on it. Errors say what to do by status (401/403 key, 404 address, 429 limits) and never carry
 * the key. A server on this machine may have no key; a remote one needs one.
 */
import OpenAI from 'openai';
import type { CloudProvider } from '../../../../src-preload/schemas/cloud-providers.js';
import { timeoutAsResult } from '../../async/with-timeout.js';
import { StewardError } from '../../errors.js';
import { isLoopbackUrl } from '../../llm/openai/cloud-provider-factory.js';
import { redactText } from '../../security/redaction.js';

const LIST_TIMEOUT_MS = 15_000;
const MAX_MODELS = 1000;

export class ProviderModelsError extends StewardError {
  constructor(message: string) {
    super('provider_failed', message);
  }
}

interface OpenAiErrorLike {
  status?: number;
}

export async function listProviderModels(provider: CloudProvider, apiKey: string | null, timeoutMs = LIST_TIMEOUT_MS): Promise<string[]> {
  const where = `${provider.name} (${provider.baseUrl})`;
  if (apiKey === null && !isLoopbackUrl(provider.baseUrl)) throw new ProviderModelsError(`${where} needs an API key: paste it in the provider's API key field and save.`);
  // Servers on this machine usually accept any key; the SDK insists on one.
  const client = new OpenAI({ baseURL: provider.baseUrl, apiKey: apiKey ?? 'no-key', organization: null, project: null, maxRetries: 0, timeout: timeoutMs, logLevel: 'off' });
  const scrub = (text: string) => redactText(apiKey ? text.split(apiKey).join('[redacted]') : text);
  try {
    const outcome = await timeoutAsResult(async (signal) => {
      const ids: string[] = [];
      for await (const model of client.models.list({ signal })) {
        ids.push(model.id);
        if (ids.length >= MAX_MODELS) break;
      }
      return ids;
    }, timeoutMs);
    if (outcome === 'timeout') throw new ProviderModelsError(`${where} did not answer within ${Math.round(timeoutMs / 1000)} seconds. Check that it is running and the address is right.`);
    return [...new Set(outcome)].sort((a, b) => a.localeCompare(b));
  } catch (err) {
    if (err instanceof StewardError) throw err;
    const status = (err as OpenAiErrorLike).status;
    if (status === 401 || status === 403) throw new ProviderModelsError(`${where} refused the API key (HTTP ${status}). Check the key and paste it again.`);
    if (status === 404) throw new ProviderModelsError(`${where} has no /models endpoint (HTTP 404). Check the address — it usually ends in /v1.`);
    if (status === 429) throw new ProviderModelsError(`${where} is limiting requests (HTTP 429). Wait a minute and try again.`);
    if (typeof status === 'number') throw new ProviderModelsError(`${where} answered with an error (HTTP ${status}). Try again later.`);
    const detail = err instanceof Error ? scrub(err.message) : 'unknown error';
    throw new ProviderModelsError(`Could not reach ${where}: ${detail}. Check that the server is running and the address is right.`);
  }
}

/** Test connection: the models it lists, and whether the chosen one is among them. */
export async function testProvider(provider: CloudProvider, apiKey: string | null): Promise<{ ok: boolean; message: string; models: string[] }> {
  try {
    const models = await listProviderModels(provider, apiKey);
    const count = `${models.length} model${models.length === 1 ? '' : 's'} listed`;
    if (provider.model && !models.includes(provider.model)) return { ok: false, message: `Connected to ${provider.name}: ${count}, but not "${provider.model}" — pick one of the listed models.`, models };
    if (models.length === 0) return { ok: false, message: `Connected to ${provider.name}, but it lists no models. Load or pull a model in it, then test again.`, models };
    return { ok: true, message: `Connected to ${provider.name}: ${count}.${provider.model ? ` "${provider.model}" is available.` : ' Pick one to use.'}`, models };
  } catch (err) {
    return { ok: false, message: err instanceof StewardError ? err.userMessage : 'The test failed.', models: [] };
  }
}
