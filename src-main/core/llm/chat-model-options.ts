/**
 * What the chat header's model switcher offers: Steward's choice, every installed local chat model
 * (the default one as 'local', the others as 'local:<file>' — loaded on demand in place of the
 * current one), and the cloud model; each with where it runs, what it can take (images) and, when
 * it cannot answer now, why and where to fix it. Additive: other cloud providers join as more
 * entries of kind 'cloud'.
 */
import type { ModelOption } from '../../../src-preload/schemas/chat-controls.js';
import type { LlmStatus, Settings } from '../../../src-preload/contract.js';
import { loadModelCatalog } from './models/catalog-loader.js';
import { listInstalledModels } from './models/installed-models.js';
import { localChoice } from './model-choice.js';
import { cloudModelReadsImages } from './vision/vision-models.js';

const TEXT_ONLY = { vision: false };

export async function chatModelOptions(input: { status: LlmStatus; llm: Settings['llm']; modelsDir: string }): Promise<ModelOption[]> {
  const { status, llm } = input;
  const local = status.local;
  const cloud = status.cloud;
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
      label: cloud.enabled ? `${cloud.model} (cloud)` : 'Cloud model',
      available: cloud.enabled,
      reason: cloud.enabled ? null : 'No cloud model is connected: connect one under Integrations › Cloud model.',
      kind: 'cloud',
      modelId: cloud.enabled ? cloud.model : null,
      capabilities: { vision: cloud.enabled && cloudModelReadsImages(cloud.model, llm.visionModels) },
    },
  ];
}
