/**
 * Models › Hugging Face in the renderer: the hub store over a real core (in-process API, over the
 * wire's JSON) whose Hub endpoint setting points at the local Hugging Face fake. Search, open a
 * repository, download a file (progress reaches the models store as model.download events), and
 * the errors shown when the Hub limits requests or a mirror URL is refused.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDashboardSession, type DashboardSession } from '../../../../src-renderer/state/dashboards/dashboard-stores.js';
import { createModelHubStore, type ModelHubStore } from '../../../../src-renderer/state/dashboards/model-hub-store.js';
import { buildTinyLlamaGguf } from '../../../helpers/tiny-gguf.js';
import { createTestCore, type TestCore } from '../../../helpers/test-core.js';
import { startHuggingFaceFake, type HuggingFaceFake } from '../../../fakes/huggingface-fake.js';
import { createInProcessApi, type InProcessApi } from '../support/in-process-api.js';
import { overTheWire, until } from './support/api-wrappers.js';

let hubFake: HuggingFaceFake;
let t: TestCore;
let api: InProcessApi;
let session: DashboardSession;
let disconnect: () => void;
let hub: ModelHubStore;

beforeAll(async () => {
  hubFake = await startHuggingFaceFake([
    { id: 'bartowski/HuggingFaceTB_SmolLM3-3B-GGUF', downloads: 40_000, likes: 80, files: [{ path: 'HuggingFaceTB_SmolLM3-3B-Q4_K_M.gguf', content: buildTinyLlamaGguf() }] },
  ]);
});
afterAll(async () => {
  await hubFake.close();
});
beforeEach(async () => {
  t = await createTestCore();
  api = createInProcessApi(t.core);
  session = createDashboardSession(overTheWire(api));
  disconnect = session.connect();
  // A chosen chat model (not on disk, so nothing loads): a download from the Hub must not replace it.
  await api.call('settings.update', { patch: { llm: { huggingFaceEndpoint: hubFake.url, localModel: 'chosen-before.gguf' } } });
  hub = createModelHubStore(overTheWire(api));
});
afterEach(async () => {
  disconnect();
  await t.dispose();
});

describe('model hub store', () => {
  it('searches, opens a repository and downloads a file whose progress reaches the models store', async () => {
    hub.getState().setQuery('smollm3');
    await hub.getState().search();
    expect(hub.getState()).toMatchObject({ searchError: null, endpoint: new URL(hubFake.url).host });
    expect(hub.getState().results!.map((r) => r.repo)).toEqual(['bartowski/HuggingFaceTB_SmolLM3-3B-GGUF']);

    await hub.getState().open('bartowski/HuggingFaceTB_SmolLM3-3B-GGUF');
    const file = hub.getState().files![0]!;
    expect(file).toMatchObject({ fileName: 'HuggingFaceTB_SmolLM3-3B-Q4_K_M.gguf', quantization: 'Q4_K_M', downloadable: true });
    expect(file.speed?.summary ?? file.fit?.warning).toBeTruthy();

    const id = await hub.getState().pull(file.fileName);
    // The catalog lists this file, so the download goes by the catalog id.
    expect(id).toBe('smollm3-3b-q4_k_m');
    await until(() => session.stores.models.getState().downloads[id!]?.state === 'completed', 'the download to complete');
    await hub.getState().open('bartowski/HuggingFaceTB_SmolLM3-3B-GGUF');
    expect(hub.getState().files![0]!.installed).toBe(true);
    expect((await api.call('settings.get', {})).llm.localModel).toBe('chosen-before.gguf');
  });

  it('shows why a search failed and keeps nothing stale', async () => {
    hub.getState().setQuery('smollm3');
    hubFake.rateLimit(1, 5);
    await hub.getState().search();
    expect(hub.getState().results).toBeNull();
    expect(hub.getState().searchError).toMatch(/HTTP 429\)\. Wait 5 s and search again/);
    await hub.getState().search();
    expect(hub.getState().searchError).toBeNull();
    expect(hub.getState().results).toHaveLength(1);
  });

  it('refuses a remote plain-http mirror by name and keeps the one that works', async () => {
    const ok = await session.stores.settings.getState().update({ llm: { huggingFaceEndpoint: 'http://mirror.example.com' } });
    expect(ok).toBe(false);
    const errors = session.stores.settings.getState().fieldErrors;
    expect(Object.entries(errors).find(([p]) => p.endsWith('huggingFaceEndpoint'))?.[1]).toMatch(/must start with https:\/\//);
    expect((await api.call('settings.get', {})).llm.huggingFaceEndpoint).toBe(hubFake.url);
  });
});
