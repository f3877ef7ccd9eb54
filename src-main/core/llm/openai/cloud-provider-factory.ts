/**
 * Builds the cloud provider from settings.llm.cloud. The key always comes from the keychain
 * (the account of the provider llm.cloud names, else 'llm.cloud.apiKey'); a server on this machine (Ollama, LM Studio, llama.cpp server…)
 * often needs none, so for loopback addresses a missing key is allowed instead of an error.
 */
import type { Settings } from '../../../../src-preload/schemas/settings.js';
import type { SecretStore } from '../../ports.js';
import { OpenAiCompatibleProvider, type OpenAiProviderOptions } from './openai-provider.js';
import { cloudKeyAccount } from './cloud-key-account.js';

/** llm.cloud; providerId may be left out (no provider: the original key account). */
export type CloudSettings = Omit<Settings['llm']['cloud'], 'providerId'> & { providerId?: string | null };

export function createCloudProvider(
  cloud: CloudSettings,
  secrets: SecretStore,
  extra: Pick<OpenAiProviderOptions, 'id' | 'retry' | 'contextSize' | 'embeddingModel' | 'price' | 'label' | 'place'> = {},
): OpenAiCompatibleProvider {
  return new OpenAiCompatibleProvider({
    ...extra,
    baseUrl: cloud.baseUrl,
    model: cloud.model,
    timeoutMs: cloud.timeoutSeconds * 1000,
    apiKey: { mode: isLoopbackUrl(cloud.baseUrl) ? 'optional' : 'required', secrets, account: cloudKeyAccount(cloud) },
  });
}

export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}
