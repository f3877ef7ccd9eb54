import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelDownloadEvent } from '../../../../src-preload/contract.js';
import { CATALOG_ENV_VAR } from '../../../../src-main/core/llm/models/catalog-loader.js';
import { createDashboardSession, type DashboardSession } from '../../../../src-renderer/state/dashboards/dashboard-stores.js';
import { createModelsStore, formatEta, type ModelsStore } from '../../../../src-renderer/state/dashboards/models-store.js';
import { formatBytes } from '../../../../src-renderer/ui/format-bytes.js';
import { startFileServer, type FileServer } from '../../../integration/models/helpers/file-server.js';
import { serveTestCatalog, tinyChatGguf, type ServedCatalog } from '../../../integration/models/helpers/test-catalog.js';
import { createTestCore, type TestCore } from '../../../helpers/test-core.js';
import { createInProcessApi, type InProcessApi } from '../support/in-process-api.js';
import { failing, LOST_CONNECTION, overTheWire, until } from './support/api-wrappers.js';

let files: FileServer;
let served: ServedCatalog;
let outside: string;
let t: TestCore;
let api: InProcessApi;
let session: DashboardSession;
let disconnect: () => void;
let store: ModelsStore;
let seen: ModelDownloadEvent[];

beforeEach(async () => {
  // A real download server and a catalog pointing at it, as STEWARD_MODEL_CATALOG does for the app.
  files = await startFileServer();
  served = serveTestCatalog(files);
  files.switches.chunkBytes = 16 * 1024;
  const previous = process.env[CATALOG_ENV_VAR];
  process.env[CATALOG_ENV_VAR] = served.writeFile();
  try {
    t = await createTestCore();
  } finally {
    if (previous === undefined) delete process.env[CATALOG_ENV_VAR];
    else process.env[CATALOG_ENV_VAR] = previous;
  }
  outside = mkdtempSync(path.join(os.tmpdir(), 'steward-import-'));
  api = createInProcessApi(t.core);
  session = createDashboardSession(overTheWire(api));
  disconnect = session.connect();
  store = session.stores.models;
  seen = [];
  api.onEvent((e) => e.type === 'model.download' && seen.push(e));
});
afterEach(async () => {
  disconnect();
  await t.dispose();
  await files.close();
  served.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

const download = (id: string) => store.getState().downloads[id];
const installedIds = () => store.getState().installed.map((m) => m.id).sort();

describe('models store', () => {
  it('shows loading, then nothing installed, the catalog and how this machine fits it', async () => {
    const held = api.holdNext('models.list');
    const loading = store.getState().load();
    expect(store.getState().status).toBe('loading');
    held();
    await loading;
    const s = store.getState();
    expect(s).toMatchObject({ status: 'ready', error: null, installed: [], partials: [] });
    expect(s.catalog.map((c) => c.entry.id)).toEqual(['tiny-chat', 'tiny-embed', 'broken']);
    expect(s.catalog.every((c) => !c.installed)).toBe(true);
    expect(s.llm).not.toBeNull();
    expect(s.recommendation).not.toBeNull();
  });

  it('says why the models could not be listed, and lists them on retry', async () => {
    const broken = failing(api, 'models.catalog');
    const offline = createModelsStore(broken);
    await offline.getState().load();
    expect(offline.getState()).toMatchObject({ status: 'error', error: LOST_CONNECTION, catalog: [] });
    broken.heal();
    await offline.getState().load();
    expect(offline.getState()).toMatchObject({ status: 'ready', error: null });
    expect(offline.getState().catalog).toHaveLength(3);
  });

  it('shows the lists even when the hardware check fails, with a message about it', async () => {
    const offline = createModelsStore(failing(api, 'models.recommend'));
    await offline.getState().load();
    expect(offline.getState()).toMatchObject({ status: 'ready', recommendation: null, error: `Hardware check failed: ${LOST_CONNECTION}` });
    expect(offline.getState().catalog).toHaveLength(3);
  });

  it('downloads a model with live progress from model.download events, then lists it as the default chat model', async () => {
    await store.getState().load();
    await store.getState().pull('tiny-chat');
    // The row shows a download at once, before the first event.
    expect(download('tiny-chat')).toMatchObject({ id: 'tiny-chat', fileName: 'tiny-chat.gguf' });
    await until(() => download('tiny-chat')?.state === 'completed', 'the download to complete');
    // Every event the core sent was applied in turn; the last one is what the row shows.
    expect(seen.some((e) => e.state === 'downloading' && e.bytes > 0 && e.bytes < served.chat.length)).toBe(true);
    expect(download('tiny-chat')).toEqual(seen.filter((e) => e.id === 'tiny-chat').at(-1));
    expect(download('tiny-chat')?.bytes).toBe(served.chat.length);
    // A finished download reloads the lists.
    await until(() => installedIds().includes('tiny-chat'), 'the model to be listed');
    expect(store.getState().installed.find((m) => m.id === 'tiny-chat')).toMatchObject({ problem: null, defaultFor: ['chat'] });
    expect(store.getState().catalog.find((c) => c.entry.id === 'tiny-chat')?.installed).toBe(true);
    expect(store.getState().actionErrors).toEqual({});
  });

  it('cancels a download: the row says cancelled and the partial file is offered to resume', async () => {
    files.switches.stallAfterBytes = 64 * 1024;
    await store.getState().load();
    await store.getState().pull('tiny-chat');
    await until(() => (download('tiny-chat')?.bytes ?? 0) >= 64 * 1024, 'the download to stall');
    await store.getState().cancel('tiny-chat');
    await until(() => download('tiny-chat')?.state === 'cancelled', 'the cancelled event');
    await until(() => store.getState().partials.length === 1, 'the partial download to be listed');
    expect(store.getState().partials[0]).toMatchObject({ fileName: 'tiny-chat.gguf', catalogId: 'tiny-chat', bytes: 64 * 1024 });
    expect(installedIds()).toEqual([]);
    expect(store.getState().actionErrors['tiny-chat']).toBeUndefined();
  });

  it('a download that fails verification shows the core’s reason on its row', async () => {
    await store.getState().load();
    await store.getState().pull('broken');
    await until(() => download('broken')?.state === 'failed', 'the failed event');
    expect(download('broken')?.error).toMatch(/deleted/);
    expect(store.getState().actionErrors.broken).toBe(download('broken')?.error);
    expect(installedIds()).toEqual([]);
  });

  it('says why a download could not start, on that model only', async () => {
    await store.getState().load();
    await store.getState().pull('no-such-model');
    expect(store.getState().actionErrors['no-such-model']).toMatch(/no-such-model/);
    expect(store.getState().downloads['no-such-model']).toBeUndefined();
    expect(Object.keys(store.getState().actionErrors)).toEqual(['no-such-model']);
  });

  it('imports a .gguf from disk, makes it the default, and deletes it', async () => {
    const file = path.join(outside, 'my-assistant.gguf');
    writeFileSync(file, tinyChatGguf(9));
    await store.getState().load();
    expect(await store.getState().importPath(`  ${file}  `)).toBe(true);
    expect(store.getState()).toMatchObject({ importError: null, notice: expect.stringMatching(/^Imported /) });
    const imported = store.getState().installed.find((m) => m.fileName === 'my-assistant.gguf');
    expect(imported).toMatchObject({ problem: null });

    await store.getState().setDefault(imported!.id, 'chat');
    expect(t.core.settings.get().llm.localModel).toBe('my-assistant.gguf');
    expect(store.getState().installed.find((m) => m.id === imported!.id)?.defaultFor).toEqual(['chat']);
    expect(store.getState().notice).toBe('my-assistant.gguf is now the default chat model.');

    await store.getState().remove(imported!.id);
    expect(store.getState().notice).toBe('Deleted my-assistant.gguf.');
    expect(installedIds()).toEqual([]);
    expect(t.core.settings.get().llm.localModel).toBeNull();
  });

  it('refuses a file that is not a model, with the core’s reason, and imports nothing', async () => {
    const file = path.join(outside, 'notes.gguf');
    writeFileSync(file, 'just some text, not a model');
    await store.getState().load();
    expect(await store.getState().importPath(file)).toBe(false);
    expect(store.getState().importError).toMatch(/GGUF/);
    expect(installedIds()).toEqual([]);

    expect(await store.getState().importPath('relative/model.gguf')).toBe(false);
    expect(store.getState().importError).toMatch(/absolute path/);
  });

  it('formats sizes and times the way the rows show them', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1_250_000_000)).toBe('1.3 GB');
    expect(formatBytes(640_000_000)).toBe('640 MB');
    expect(formatEta(45)).toBe('45 s');
    expect(formatEta(200)).toBe('3 min 20 s');
    expect(formatEta(3900)).toBe('1 h 05 min');
  });
});
