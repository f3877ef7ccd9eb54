/**
 * The cloud providers conversations chose by name ('cloud:<provider>' in the chat header): one
 * OpenAI-compatible provider per configured server (Models › Cloud providers), built on first use
 * with that server's address, its chosen model and its own key from the keychain, and rebuilt when
 * its settings change. The app's default cloud model (llm.cloud) is neither used nor changed.
 */
import type { Settings } from '../../../../src-preload/schemas/settings.js';
import type { CloudProvider } from '../../../../src-preload/schemas/cloud-providers.js';
import type { SecretStore } from '../../ports.js';
import { providerKeyAccount } from '../openai/cloud-key-account.js';
import { isLoopbackUrl, type CloudSettings } from '../openai/cloud-provider-factory.js';
import type { LlmProvider } from '../provider.js';
import { ChosenModelUnavailableError } from './router-errors.js';

/** A configured provider ready to answer, with what the chat says about it. */
export interface ChosenCloud {
  provider: LlmProvider;
  /** The provider's name as the user gave it ("OpenRouter"). */
  name: string;
  model: string;
}

export interface ChosenCloudProvidersDeps {
  /** Read at every call, so a change under Models › Cloud providers applies to the next one. */
  settings: () => Pick<Settings['llm'], 'cloud' | 'cloudProviders'>;
  secrets: Pick<SecretStore, 'get'>;
  /** createCloudProvider in the app; the key account comes from `providerId`. */
  create: (cloud: CloudSettings, configured: CloudProvider) => LlmProvider;
}

const PICK_ANOTHER = 'or pick another model in the chat header';

/** Why a configured provider cannot answer now (and where to fix it), or null when it can. Shared with the chat's model list. */
export function whyProviderCannotAnswer(provider: CloudProvider, keySet: boolean): string | null {
  if (!provider.enabled) return `${provider.name} is switched off: switch it on under Models › Cloud providers`;
  if (!provider.model) return `${provider.name} has no model chosen: press Test connection under Models › Cloud providers and pick one`;
  // A server on this machine (Ollama, LM Studio…) usually takes no key; a remote one always needs one.
  if (!keySet && !isLoopbackUrl(provider.baseUrl)) return `No API key is saved for ${provider.name}: add it under Models › Cloud providers`;
  return null;
}

export class ChosenCloudProviders {
  private readonly built = new Map<string, { config: string; provider: LlmProvider }>();

  constructor(private readonly deps: ChosenCloudProvidersDeps) {}

  /** The provider a conversation chose; throws ChosenModelUnavailableError with what to fix when it cannot answer. */
  async get(id: string): Promise<ChosenCloud> {
    const llm = this.deps.settings();
    const configured = llm.cloudProviders.find((p) => p.id === id);
    if (!configured) {
      throw new ChosenModelUnavailableError(`No cloud provider “${id}” is configured. Add it under Models › Cloud providers, ${PICK_ANOTHER}.`);
    }
    const keySet = (await this.deps.secrets.get(providerKeyAccount(id)).catch(() => null)) !== null;
    const problem = whyProviderCannotAnswer(configured, keySet);
    if (problem || !configured.model) throw new ChosenModelUnavailableError(`This conversation is set to answer with ${configured.name}, but ${lowerFirst(problem ?? '')}, ${PICK_ANOTHER}.`);
    const cloud: CloudSettings = { enabled: true, baseUrl: configured.baseUrl, model: configured.model, timeoutSeconds: llm.cloud.timeoutSeconds, providerId: id };
    const config = JSON.stringify([cloud, configured.name]);
    let entry = this.built.get(id);
    if (entry?.config !== config) {
      // The old one may still be answering another conversation: it is closed once dropped (close() only ends its client).
      void entry?.provider.close().catch(() => undefined);
      entry = { config, provider: this.deps.create(cloud, configured) };
      this.built.set(id, entry);
    }
    return { provider: entry.provider, name: configured.name, model: configured.model };
  }

  async close(): Promise<void> {
    const providers = [...this.built.values()].map((e) => e.provider);
    this.built.clear();
    await Promise.allSettled(providers.map((p) => p.close()));
  }
}

function lowerFirst(text: string): string {
  // "No API key…" reads "but no API key…"; a provider's name keeps its capital.
  return text.startsWith('No ') ? `n${text.slice(1)}` : text;
}
