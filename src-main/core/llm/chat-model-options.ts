/**
 * What the chat header's model switcher offers: Steward's choice, every installed local chat model
 * (the default one as 'local', the others as 'local:<file>' — loaded on demand in place of the
 * current one), the cloud model in use ('cloud', which follows the app's default provider), and
 * every configured cloud provider by name ('cloud:<provider>', which stays on that provider); each
 * with where it runs, what it can take (images) and, when it cannot answer now, why and where to
 * fix it.
 */
import type { ModelOption } from '../../../src-preload/schemas/chat-controls.js';
import type { LlmStatus, Settings } from '../../../src-preload/contract.js';
import { loadModelCatalog } from './models/catalog-loader.js';
import { listInstalledModels } from './models/installed-models.js';
import { cloudChoice, localChoice } from './model-choice.js';
import { whyProviderCannotAnswer } from './router/chosen-cloud-providers.js';
import { cloudModelReadsImages } from './vision/vision-models.js';

const TEXT_ONLY = { vision: false };

export async function chatModelOptions(input: {
  status: LlmStatus;
  llm: Settings['llm'];
  modelsDir: string;
  /** Whether a cloud provider's key is in the keychain (a remote provider without one cannot answer). */
  keySet?: (providerId: string) => Promise<boolean>;
}): Promise<ModelOption[]> {
  const { status, llm } = input;
  const local = status.local;
  const cloud = status.cloud;
  const providers = await providerOptions(llm, input.keySet ?? (async () => false));
  const inUseName = llm.cloudProviders.find((p) => p.id === llm.cloud.providerId)?.name ?? null;
  const installed = (await listInstalledModels(input.modelsDir, loadModelCatalog(), { localModel: llm.localModel, embeddingModel: llm.embeddingModel, draftModel: llm.draftModel }).catch(() => [])).filter(
    (m) => m.purpose === 'chat' && !m.defaultFor.includes('chat'),
  );
  const others: ModelOption[] = installed.map((m) => ({
    id: localChoice(m.fileName),
    label: `${m.displayName} (on this computer)`,
    available: m.problem === null,
    reason: m.problem === null ? null : `${m.fileName} cannot be used: ${m.problem}. See the Models screen.`,
    kind: 'local',
    modelId: m.fileName,
    capabilities: TEXT_ONLY,
  }));
  return [
    {
      id: 'auto',
      label: 'Automatic (Steward picks)',
      available: local.configured || cloud.enabled,
      reason: local.configured || cloud.enabled ? null : 'No model is set up yet: install one on the Models screen.',
      kind: 'auto',
      modelId: null,
    },
    {
      id: 'local',
      label: local.model ? `${local.model} (on this computer, default)` : 'Local model',
      available: local.configured,
      reason: local.configured ? null : 'No local model is installed: install one on the Models screen.',
      kind: 'local',
      modelId: local.model,
      capabilities: TEXT_ONLY,
    },
    ...others,
    {
      id: 'cloud',
      label: cloud.enabled ? `${cloud.model} (${inUseName ? `${inUseName}, ` : ''}cloud${providers.length > 0 ? ', default' : ''})` : 'Cloud model',
      available: cloud.enabled,
      reason: cloud.enabled
        ? null
        : providers.length > 0
          ? 'No cloud model is in use: press Use as cloud model on a provider under Models › Cloud providers, or pick a provider by name below.'
          : 'No cloud model is connected: connect one under Integrations › Cloud model.',
      kind: 'cloud',
      modelId: cloud.enabled ? cloud.model : null,
      provider: cloud.enabled ? inUseName : null,
      capabilities: { vision: cloud.enabled && cloudModelReadsImages(cloud.model, llm.visionModels) },
    },
    ...providers,
  ];
}

/** One entry per configured cloud provider ('cloud:<id>'): its chosen model, or why it cannot answer and where to fix it. */
async function providerOptions(llm: Settings['llm'], keySet: (providerId: string) => Promise<boolean>): Promise<ModelOption[]> {
  return Promise.all(
    llm.cloudProviders.map(async (p) => {
      const problem = whyProviderCannotAnswer(p, await keySet(p.id).catch(() => false));
      return {
        id: cloudChoice(p.id),
        label: p.model ? `${p.model} (${p.name}, cloud)` : `${p.name} (cloud)`,
        available: problem === null,
        reason: problem === null ? null : `${problem}.`,
        kind: 'cloud' as const,
        modelId: p.model,
        provider: p.name,
        capabilities: { vision: p.model !== null && cloudModelReadsImages(p.model, llm.visionModels) },
      };
    }),
  );
}
