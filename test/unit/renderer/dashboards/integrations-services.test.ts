/**
 * The Integrations screen's generic service list, over a real core: every service with its state,
 * Stripe's mode always present, any declared key saved write-only, a refused account shown next
 * to its field, and disconnect removing a service's keys.
 */
import { describe, expect, it } from 'vitest';
import { createIntegrationsStore, type IntegrationsStore } from '../../../../src-renderer/state/dashboards/integrations-store.js';
import type { TestCore } from '../../../helpers/test-core.js';
import { useFreshCore } from '../support/fresh-core.js';
import type { InProcessApi } from '../support/in-process-api.js';

const KEY = 'sk_test_renderer_0123456789';

let t: TestCore;
let store: IntegrationsStore;

useFreshCore((core, inProcess: InProcessApi) => {
  t = core;
  store = createIntegrationsStore(inProcess);
});

const stripe = () => store.getState().status?.services.find((s) => s.id === 'stripe');

describe('integrations services', () => {
  it('lists every service with its state and Stripe in test mode', async () => {
    await store.getState().load();
    expect(store.getState().status?.services.map((s) => [s.id, s.state.state])).toEqual([
      ['smtp', 'not_set_up'],
      ['cloud', 'not_set_up'],
      ['stripe', 'not_set_up'],
      ...(store.getState().status?.services.slice(3).map((s) => [s.id, s.state.state]) ?? []),
    ]);
    expect(stripe()?.facts).toEqual([{ label: 'Mode', value: 'Test mode — no real money moves', tone: 'neutral' }]);
  });

  it('saves a declared key write-only, then disconnect removes it', async () => {
    expect(await store.getState().setSecret('stripe.secretKey', 'Secret key', KEY)).toBe(true);
    expect(store.getState().notice).toBe('Secret key saved to the keychain.');
    expect(stripe()).toMatchObject({ state: { state: 'untested' }, secrets: expect.arrayContaining([expect.objectContaining({ account: 'stripe.secretKey', set: true })]) });
    expect(JSON.stringify(store.getState().status)).not.toContain(KEY);
    expect(await t.secrets.get('stripe.secretKey')).toBe(KEY);

    await store.getState().disconnect('stripe', 'Stripe');
    expect(store.getState().notice).toBe('Stripe disconnected: its keys were removed from the keychain.');
    expect(stripe()?.state.state).toBe('not_set_up');
    expect(await t.secrets.get('stripe.secretKey')).toBeNull();
  });

  it('shows a refused account next to its field and stores nothing', async () => {
    expect(await store.getState().setSecret('db.key', 'Database key', 'x')).toBe(false);
    expect(store.getState().secretErrors['db.key']?.value).toMatch(/must be one of: .*stripe\.secretKey/);
    expect(await t.secrets.get('db.key')).toBeNull();
  });
});
