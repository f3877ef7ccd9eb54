import { describe, expect, it } from 'vitest';
import { CLOUD_API_KEY_ACCOUNT } from '../../../../src-main/core/llm/openai/openai-provider.js';
import { createIntegrationsStore, maskedSecret, type IntegrationsStore } from '../../../../src-renderer/state/dashboards/integrations-store.js';
import type { TestCore } from '../../../helpers/test-core.js';
import { useFreshCore } from '../support/fresh-core.js';
import type { InProcessApi } from '../support/in-process-api.js';
import { failing, LOST_CONNECTION } from './support/api-wrappers.js';

const CLOUD_KEY = 'sk-test-cloud-key-0123456789abcdef';
const SMTP_PASSWORD = 'correct horse battery staple';

let t: TestCore;
let api: InProcessApi;
let store: IntegrationsStore;

useFreshCore((core, inProcess) => {
  t = core;
  api = inProcess;
  store = createIntegrationsStore(api);
});

/** Everything the screen could render from this store, as text. */
const everythingShown = () => JSON.stringify(store.getState(), (_k, v: unknown) => (typeof v === 'function' ? undefined : v));

describe('integrations store', () => {
  it('shows that nothing is stored yet', async () => {
    await store.getState().load();
    expect(store.getState().status).toMatchObject({ cloudKeySet: false, smtpPasswordSet: false, keychain: { available: true } });
    expect(maskedSecret(store.getState().status?.cloudKeySet)).toBe('not set');
    expect(maskedSecret(undefined)).toBe('checking…');
  });

  it('saves secrets to the keychain and shows only that they are set, never the value', async () => {
    expect(await store.getState().setCloudKey(CLOUD_KEY)).toBe(true);
    expect(await store.getState().setSmtpPassword(SMTP_PASSWORD)).toBe(true);
    expect(store.getState().status).toMatchObject({ cloudKeySet: true, smtpPasswordSet: true });
    expect(store.getState().notice).toBe('SMTP password saved to the keychain.');
    expect(maskedSecret(store.getState().status?.cloudKeySet)).toBe('•••• set');
    // The secrets really are in the keychain…
    expect(await t.secrets.get(CLOUD_API_KEY_ACCOUNT)).toBe(CLOUD_KEY);
    expect(await t.secrets.get('smtp.password')).toBe(SMTP_PASSWORD);
    // …and nothing the store holds carries them, nor any part of them.
    const shown = everythingShown();
    expect(shown).not.toContain(CLOUD_KEY.slice(-8));
    expect(shown).not.toContain('horse');
  });

  it('removes a secret', async () => {
    await store.getState().setSmtpPassword(SMTP_PASSWORD);
    expect(await store.getState().setSmtpPassword(null)).toBe(true);
    expect(store.getState()).toMatchObject({ status: { smtpPasswordSet: false }, notice: 'SMTP password removed from the keychain.' });
    expect(await t.secrets.get('smtp.password')).toBeNull();
  });

  it('shows a refused key next to its field, without echoing it', async () => {
    expect(await store.getState().setCloudKey('short')).toBe(false);
    expect(store.getState().secretErrors.cloud).toEqual({ apiKey: 'looks too short to be an API key' });
    expect(store.getState().notice).toBeNull();
    expect(await t.secrets.get(CLOUD_API_KEY_ACCOUNT)).toBeNull();

    // A good key afterwards clears the message.
    expect(await store.getState().setCloudKey(CLOUD_KEY)).toBe(true);
    expect(store.getState().secretErrors.cloud).toEqual({});
  });

  it('a save that never reached the core shows the connection message on the password field', async () => {
    const offline = createIntegrationsStore(failing(api, 'integrations.setSecret'));
    expect(await offline.getState().setSmtpPassword(SMTP_PASSWORD)).toBe(false);
    expect(offline.getState().secretErrors.smtp).toEqual({ password: LOST_CONNECTION });
    expect(JSON.stringify(offline.getState().secretErrors)).not.toContain('horse');
  });

  it('says why the status could not be read', async () => {
    const broken = failing(api, 'integrations.status');
    const offline = createIntegrationsStore(broken);
    await offline.getState().load();
    expect(offline.getState()).toMatchObject({ status: null, statusError: LOST_CONNECTION });
    broken.heal();
    await offline.getState().load();
    expect(offline.getState().statusError).toBeNull();
  });

  it('tests a service: running, then the core’s verdict; a failed request is a failed test', async () => {
    const held = api.holdNext('integrations.test');
    const testing = store.getState().test('smtp');
    expect(store.getState().tests.smtp).toBe('running');
    held();
    await testing;
    expect(store.getState().tests.smtp).toEqual({ ok: false, message: expect.stringContaining('No SMTP server is set up yet') });

    const offline = createIntegrationsStore(failing(api, 'integrations.test'));
    await offline.getState().test('cloud');
    expect(offline.getState().tests).toEqual({ cloud: { ok: false, message: LOST_CONNECTION } });
  });
});
