/**
 * Handlers of the Hugging Face search (models.hubSearch, models.hubFiles, models.hubPull). The
 * Hub's address comes from settings (llm.huggingFaceEndpoint: a mirror, or the tests' fake),
 * else HF_ENDPOINT, else huggingface.co. A pull goes through the model manager's downloader:
 * resume, the size and SHA-256 from the repository's file list, and the GGUF completeness check.
 */
import type { z } from 'zod';
import { ModelHubMethodSchemas } from '../../../../src-preload/schemas/model-hub.js';
import type { ModelPurpose } from '../../../../src-preload/schemas/models.js';
import { findCatalogEntry } from '../../llm/models/catalog-loader.js';
import { checkFit } from '../../llm/models/fit.js';
import { HuggingFaceHubClient, DEFAULT_HUB_ENDPOINT } from '../../llm/models/hub/hf-hub-client.js';
import { describeHubFiles } from '../../llm/models/hub/hub-file-view.js';
import { HubFileNotDownloadableError, HubFileNotFoundError } from '../../llm/models/hub/hub-errors.js';
import { notAModelReason } from '../../llm/models/hub/gguf-file-names.js';
import { listInstalledModels } from '../../llm/models/installed-models.js';
import { estimateMemoryNeeds } from '../../llm/models/memory-estimate.js';
import { contextSizeForFit } from '../../llm/local/context-sizing.js';
import { startDownload, type ModelHandlerDeps } from './models.js';

export type ModelHubMethodName = keyof typeof ModelHubMethodSchemas;
type Input<M extends ModelHubMethodName> = z.output<(typeof ModelHubMethodSchemas)[M]['input']>;
type Output<M extends ModelHubMethodName> = z.output<(typeof ModelHubMethodSchemas)[M]['output']>;
export type ModelHubHandlers = { [M in ModelHubMethodName]: (input: Input<M>) => Promise<Output<M>> };

export interface ModelHubDeps extends ModelHandlerDeps {
  env: NodeJS.ProcessEnv;
}

export function hubEndpoint(deps: Pick<ModelHubDeps, 'settings' | 'env'>): string {
  return deps.settings.get().llm.huggingFaceEndpoint ?? (deps.env.HF_ENDPOINT || DEFAULT_HUB_ENDPOINT);
}

function client(deps: ModelHubDeps): HuggingFaceHubClient {
  return new HuggingFaceHubClient({ endpoint: hubEndpoint(deps), fetchImpl: deps.manager.fetchImpl });
}

/**
 * Which default a downloaded file may fill when that slot is empty: a chat model's. Embedding and
 * reranking models say so in their names and are left for the user to choose — memory needs
 * 384-dimension vectors, which most embedding models from a search do not give.
 */
function purposeOf(fileName: string): ModelPurpose | null {
  return /embed|rerank/i.test(fileName) ? null : 'chat';
}

export async function modelsHubSearch(deps: ModelHubDeps, input: Input<'models.hubSearch'>): Promise<Output<'models.hubSearch'>> {
  const hub = client(deps);
  const hits = await hub.searchGguf(input.query, input.limit ?? 20);
  // Gated repositories need a signed-in account to download, which Steward does not hold.
  const results = hits.filter((h) => !h.gated).map(({ gated: _gated, ...rest }) => rest);
  return { endpoint: hub.host, results };
}

export async function modelsHubFiles(deps: ModelHubDeps, input: Input<'models.hubFiles'>): Promise<Output<'models.hubFiles'>> {
  const files = await client(deps).listFiles(input.repo);
  const installed = new Set((await listInstalledModels(deps.manager.modelsDir, deps.manager.catalog)).map((m) => m.fileName));
  return {
    repo: input.repo,
    files: describeHubFiles(files, {
      repo: input.repo,
      hardware: await deps.manager.hardware(),
      contextSize: contextSizeForFit(deps.settings.get().llm.contextSize),
      installedFileNames: installed,
    }),
  };
}

export async function modelsHubPull(deps: ModelHubDeps, input: Input<'models.hubPull'>): Promise<Output<'models.hubPull'>> {
  const why = notAModelReason(input.fileName);
  if (why) throw new HubFileNotDownloadableError(input.fileName, why);
  const hub = client(deps);
  // The size and digest come from the repository's own file list, so the download is checked against them.
  const file = (await hub.listFiles(input.repo)).find((f) => f.path === input.fileName);
  if (!file) throw new HubFileNotFoundError(input.repo, input.fileName);
  const id = findCatalogEntry(deps.manager.catalog, input.fileName)?.id ?? input.fileName;
  const fit =
    file.sizeBytes === null
      ? null
      : checkFit(estimateMemoryNeeds({ fileBytes: file.sizeBytes, kvCacheBytesPerToken: null, contextSize: contextSizeForFit(deps.settings.get().llm.contextSize) }), await deps.manager.hardware(), input.fileName);
  await startDownload(deps, { id, fileName: input.fileName, purpose: purposeOf(input.fileName) }, (onProgress) =>
    deps.manager.pullFile({ id, fileName: input.fileName, url: hub.resolveUrl(input.repo, input.fileName), expectedSize: file.sizeBytes, expectedSha256: file.sha256 }, { onProgress }),
  );
  return { id, fileName: input.fileName, started: true, fit };
}

export function createModelHubHandlers(deps: ModelHubDeps): ModelHubHandlers {
  return {
    'models.hubSearch': (input) => modelsHubSearch(deps, input),
    'models.hubFiles': (input) => modelsHubFiles(deps, input),
    'models.hubPull': (input) => modelsHubPull(deps, input),
  };
}
