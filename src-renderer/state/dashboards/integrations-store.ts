import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StewardApi } from '../../../src-preload/contract.js';
import type { IntegrationService, IntegrationsStatus, IntegrationsTestResult } from '../../../src-preload/schemas/integrations-api.js';
import { messageOf, requestErrorOf, type FieldErrors } from './request-error.js';

/**
 * Integrations & keys: which secrets are set (presence only — values never come back), storing
 * or removing them, and a live test per service. Non-secret fields are saved through the
 * settings store; this store only touches the keychain-backed parts.
 */
export interface IntegrationsStoreState {
  status: IntegrationsStatus | null;
  statusError: string | null;
  /** Per service: the last test result, or 'running'. */
  tests: Readonly<Partial<Record<IntegrationService, IntegrationsTestResult | 'running'>>>;
  /** Per secret ('cloud' | 'smtp' | a keychain account such as 'stripe.secretKey'): the server's message for the last rejected save. */
  secretErrors: Readonly<Partial<Record<string, FieldErrors>>>;
  notice: string | null;
  load(): Promise<void>;
  /** Any secret a service declares (the generic service cards). */
  setSecret(account: string, label: string, value: string | null): Promise<boolean>;
  /** Removes every key the service holds (revoking first where it can). */
  disconnect(service: IntegrationService, name: string): Promise<void>;
  setCloudKey(key: string | null): Promise<boolean>;
  setSmtpPassword(password: string | null): Promise<boolean>;
  test(service: IntegrationService): Promise<void>;
  /** Sign-in services: opens the service's consent page in the browser; the outcome arrives as a notification. */
  connect(service: IntegrationService): Promise<void>;
}

export type IntegrationsStore = StoreApi<IntegrationsStoreState>;

// eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
export function createIntegrationsStore(api: StewardApi): IntegrationsStore {
  // eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
  return createStore<IntegrationsStoreState>()((set, get) => ({
    status: null,
    statusError: null,
    tests: {},
    secretErrors: {},
    notice: null,
    async load() {
      try {
        set({ status: await api.call('integrations.status', {}), statusError: null });
      } catch (err) {
        set({ statusError: messageOf(err) });
      }
    },
    async setSecret(account, label, value) {
      try {
        await api.call('integrations.setSecret', { account, value });
        set({ secretErrors: { ...get().secretErrors, [account]: {} }, notice: value === null ? `${label} removed from the keychain.` : `${label} saved to the keychain.` });
        await get().load();
        return true;
      } catch (err) {
        const { message, fields } = requestErrorOf(err);
        set({ secretErrors: { ...get().secretErrors, [account]: { value: fields.value ?? fields.account ?? message } } });
        return false;
      }
    },
    async disconnect(service, name) {
      try {
        const out = await api.call('integrations.disconnect', { service });
        const tests = { ...get().tests };
        delete tests[service];
        set({ tests, notice: out.removed.length > 0 ? `${name} disconnected: its keys were removed from the keychain.` : `${name} had no keys stored.` });
        await get().load();
      } catch (err) {
        set({ statusError: messageOf(err) });
      }
    },
    async setCloudKey(key) {
      try {
        await api.call('llm.setCloudKey', { apiKey: key });
        set({ secretErrors: { ...get().secretErrors, cloud: {} }, notice: key === null ? 'Cloud API key removed from the keychain.' : 'Cloud API key saved to the keychain.' });
        await get().load();
        return true;
      } catch (err) {
        const { message, fields } = requestErrorOf(err);
        set({ secretErrors: { ...get().secretErrors, cloud: { apiKey: fields.apiKey ?? message } } });
        return false;
      }
    },
    async setSmtpPassword(password) {
      try {
        await api.call('integrations.setSecret', { account: 'smtp.password', value: password });
        set({ secretErrors: { ...get().secretErrors, smtp: {} }, notice: password === null ? 'SMTP password removed from the keychain.' : 'SMTP password saved to the keychain.' });
        await get().load();
        return true;
      } catch (err) {
        const { message, fields } = requestErrorOf(err);
        set({ secretErrors: { ...get().secretErrors, smtp: { password: fields.value ?? message } } });
        return false;
      }
    },
    async test(service) {
      set({ tests: { ...get().tests, [service]: 'running' } });
      let result: IntegrationsTestResult;
      try {
        result = await api.call('integrations.test', { service });
      } catch (err) {
        result = { ok: false, message: messageOf(err) };
      }
      set({ tests: { ...get().tests, [service]: result } });
      // The state line ("connected as …" / the reason) follows the test.
      await get().load();
    },
    async connect(service) {
      try {
        const { authUrl } = await api.call('integrations.connect', { service });
        // The desktop shell opens this in the system browser (RFC 8252: never an embedded view).
        window.open(authUrl, '_blank', 'noopener');
        set({ tests: { ...get().tests, [service]: { ok: true, message: 'Finish signing in in your browser; this screen updates when you are done.' } } });
      } catch (err) {
        set({ tests: { ...get().tests, [service]: { ok: false, message: messageOf(err) } } });
      }
    },
  }));
}

/** How a secret is shown: never the value, only whether one is stored. */
export function maskedSecret(isSet: boolean | undefined): string {
  if (isSet === undefined) return 'checking…';
  return isSet ? '•••• set' : 'not set';
}
