/**
 * The configured OpenAI-compatible providers (settings.llm.cloudProviders) with their keys in the
 * keychain: list, save, remove, and "use" one as the router's cloud model (llm.cloud, which then
 * names the provider so its key is the one sent). The single cloud model of earlier versions is
 * migrated the first time the list is read: it becomes the provider "cloud", whose key stays
 * where it always was (llm.cloud.apiKey), so no key is copied or lost.
 */
import type { Settings } from '../../../../src-preload/schemas/settings.js';
import { CLOUD_PRESETS, type CloudPresetId, type CloudProvider, type CloudProviderView } from '../../../../src-preload/schemas/cloud-providers.js';
import { StewardError } from '../../errors.js';
import { CLOUD_API_KEY_ACCOUNT } from '../../llm/openai/openai-provider.js';
import { MIGRATED_PROVIDER_ID, providerKeyAccount } from '../../llm/openai/cloud-key-account.js';
import type { SecretStore } from '../../ports.js';

export interface CloudSettingsAccess {
  get(): Settings;
  update(patch: Record<string, unknown>): Settings;
}

export class UnknownCloudProviderError extends StewardError {
  constructor(id: string) {
    super('not_found', `No cloud provider "${id}" is configured. Add it under Models › Cloud providers first.`);
  }
}

export class NoProviderModelError extends StewardError {
  constructor(name: string) {
    super('invalid_input', `${name} has no model chosen. Press Test connection to list its models, pick one, then use it.`);
  }
}

/** Which preset an address looks like, for the migrated provider's label. */
export function presetForUrl(baseUrl: string): CloudPresetId {
  const normalized = baseUrl.replace(/\/+$/, '');
  return CLOUD_PRESETS.find((p) => p.id !== 'custom' && p.baseUrl === normalized)?.id ?? (normalized.includes('api.openai.com') ? 'openai' : 'custom');
}

function slug(name: string, taken: ReadonlySet<string>): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32) || 'provider';
  let id = base === MIGRATED_PROVIDER_ID ? `${base}-2` : base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export class CloudProviderStore {
  constructor(
    private readonly settings: CloudSettingsAccess,
    private readonly secrets: SecretStore,
  ) {}

  /** The providers, migrating the earlier single cloud model once when none are configured. */
  async list(): Promise<CloudProviderView[]> {
    await this.migrateLegacy();
    const llm = this.settings.get().llm;
    return Promise.all(llm.cloudProviders.map((p) => this.view(p, llm)));
  }

  get(id: string): CloudProvider {
    const provider = this.settings.get().llm.cloudProviders.find((p) => p.id === id);
    if (!provider) throw new UnknownCloudProviderError(id);
    return provider;
  }

  async apiKey(id: string): Promise<string | null> {
    return this.secrets.get(providerKeyAccount(id));
  }

  /** Adds (no id) or changes a provider; the settings schema validates it first, and the key is stored only after that. */
  async save(input: Omit<CloudProvider, 'id' | 'enabled' | 'model'> & { id?: string; enabled?: boolean; model?: string | null; apiKey?: string | null }): Promise<CloudProviderView> {
    const llm = this.settings.get().llm;
    const existing = input.id ? llm.cloudProviders.find((p) => p.id === input.id) : undefined;
    if (input.id && !existing) throw new UnknownCloudProviderError(input.id);
    const id = existing?.id ?? slug(input.name, new Set(llm.cloudProviders.map((p) => p.id)));
    const provider: CloudProvider = {
      id,
      preset: input.preset,
      name: input.name,
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      enabled: input.enabled ?? existing?.enabled ?? true,
      model: input.model !== undefined ? input.model : (existing?.model ?? null),
    };
    const list = existing ? llm.cloudProviders.map((p) => (p.id === id ? provider : p)) : [...llm.cloudProviders, provider];
    // The cloud model in use follows its provider's address (and is switched off with it).
    const cloudPatch = llm.cloud.providerId === id ? { cloud: { baseUrl: provider.baseUrl, ...(provider.model && { model: provider.model }), ...(!provider.enabled && { enabled: false }) } } : {};
    const updated = this.settings.update({ llm: { cloudProviders: list, ...cloudPatch } });
    if (input.apiKey === null) await this.secrets.delete(providerKeyAccount(id));
    else if (input.apiKey !== undefined) await this.secrets.set(providerKeyAccount(id), input.apiKey);
    return this.view(provider, updated.llm);
  }

  async remove(id: string): Promise<boolean> {
    const llm = this.settings.get().llm;
    if (!llm.cloudProviders.some((p) => p.id === id)) return false;
    const inUse = llm.cloud.providerId === id;
    this.settings.update({ llm: { cloudProviders: llm.cloudProviders.filter((p) => p.id !== id), ...(inUse && { cloud: { enabled: false, providerId: null } }) } });
    // The migrated provider's key is the Integrations card's key too: removing the provider leaves it there.
    if (id !== MIGRATED_PROVIDER_ID) await this.secrets.delete(providerKeyAccount(id));
    return true;
  }

  /** Makes the provider (and a model of it) the router's cloud model. */
  async use(id: string, model?: string): Promise<CloudProviderView> {
    const provider = this.get(id);
    const chosen = model ?? provider.model;
    if (!chosen) throw new NoProviderModelError(provider.name);
    const list = this.settings.get().llm.cloudProviders.map((p) => (p.id === id ? { ...p, model: chosen, enabled: true } : p));
    const updated = this.settings.update({ llm: { cloudProviders: list, cloud: { enabled: true, baseUrl: provider.baseUrl, model: chosen, providerId: id } } });
    return this.view({ ...provider, model: chosen, enabled: true }, updated.llm);
  }

  private async view(p: CloudProvider, llm: Settings['llm']): Promise<CloudProviderView> {
    return { ...p, keySet: (await this.secrets.get(providerKeyAccount(p.id)).catch(() => null)) !== null, inUse: llm.cloud.enabled && llm.cloud.providerId === p.id };
  }

  private async migrateLegacy(): Promise<void> {
    const llm = this.settings.get().llm;
    if (llm.cloudProviders.length > 0 || llm.cloud.providerId !== null) return;
    const keySet = (await this.secrets.get(CLOUD_API_KEY_ACCOUNT).catch(() => null)) !== null;
    if (!keySet && !llm.cloud.enabled) return;
    const preset = presetForUrl(llm.cloud.baseUrl);
    const name = CLOUD_PRESETS.find((p) => p.id === preset && preset !== 'custom')?.name ?? 'Cloud model';
    this.settings.update({
      llm: {
        cloudProviders: [{ id: MIGRATED_PROVIDER_ID, preset, name, baseUrl: llm.cloud.baseUrl, enabled: true, model: llm.cloud.model }],
        cloud: { providerId: MIGRATED_PROVIDER_ID },
      },
    });
  }
}
