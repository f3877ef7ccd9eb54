/**
 * Where a cloud provider's key lives in the keychain. The single cloud model of earlier versions
 * became the provider "cloud" and kept its account (llm.cloud.apiKey); every other provider has
 * its own. llm.cloud names the provider it uses, so the key sent is always that provider's.
 */
import type { Settings } from '../../../../src-preload/schemas/settings.js';
import { CLOUD_API_KEY_ACCOUNT } from './openai-provider.js';

/** The id the migrated single cloud model gets; its key is the original account. */
export const MIGRATED_PROVIDER_ID = 'cloud';

export function providerKeyAccount(id: string): string {
  return id === MIGRATED_PROVIDER_ID ? CLOUD_API_KEY_ACCOUNT : `llm.cloudProviders.${id}.apiKey`;
}

/** The key account llm.cloud uses: its provider's, or the original one. */
export function cloudKeyAccount(cloud: Pick<Settings['llm']['cloud'], 'providerId'> | { providerId?: string | null }): string {
  return cloud.providerId ? providerKeyAccount(cloud.providerId) : CLOUD_API_KEY_ACCOUNT;
}
