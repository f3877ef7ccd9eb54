import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StewardApi } from '../../../src-preload/contract.js';
import type { TwoFactorSetup, TwoFactorStatus } from '../../../src-preload/schemas/two-factor.js';
import { messageOf, requestErrorOf } from './request-error.js';

/**
 * Settings → Security: two-factor authentication for payments. The secret from setup is held only
 * here, in memory, until the first code confirms it (or the user cancels) — the core never returns
 * it again. Code errors are kept apart from threshold errors so each shows next to its own field.
 */
export interface TwoFactorStoreState {
  status: TwoFactorStatus | null;
  loadError: string | null;
  /** The secret and otpauth link while setup is in progress in this window. */
  setup: TwoFactorSetup | null;
  /** The user asked to turn 2FA off and is entering the code. */
  disabling: boolean;
  busy: boolean;
  /** Why the last code (confirm or turn off) was refused, in the core's words. */
  codeError: string | null;
  /** Why the last request outside code entry failed (setup could not start, …). */
  actionError: string | null;
  /** The core's message about the amount itself ("must not be negative"); the field shows its label before it. */
  thresholdError: string | null;
  /** Why the code given to raise the threshold was refused. */
  thresholdCodeError: string | null;
  notice: string | null;
  load(): Promise<void>;
  startSetup(): Promise<void>;
  cancelSetup(): void;
  confirm(code: string): Promise<boolean>;
  startDisable(): void;
  cancelDisable(): void;
  disable(code: string): Promise<boolean>;
  /** Raising the threshold while 2FA is on needs `code`; lowering it never does. */
  saveThreshold(value: string, code?: string): Promise<boolean>;
  /** The threshold changed elsewhere (settings.changed). */
  applyThreshold(thresholdUsd: number): void;
  clearCodeError(): void;
  clearThresholdError(): void;
}

export type TwoFactorStore = StoreApi<TwoFactorStoreState>;

const CODE_SHAPE = /^\d{6}$/;
const CODE_SHAPE_MESSAGE = 'Enter the 6-digit code your authenticator app shows for Steward.';

/** The core's message for a refused code: the field's own message when validation named it. */
function codeMessage(err: unknown): string {
  const { message, fields } = requestErrorOf(err);
  return fields.code ? `The code ${fields.code}.` : message;
}

// eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
export function createTwoFactorStore(api: StewardApi): TwoFactorStore {
  // eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
  return createStore<TwoFactorStoreState>()((set, get) => ({
    status: null,
    loadError: null,
    setup: null,
    disabling: false,
    busy: false,
    codeError: null,
    actionError: null,
    thresholdError: null,
    thresholdCodeError: null,
    notice: null,
    async load() {
      try {
        set({ status: await api.call('twoFactor.status', {}), loadError: null });
      } catch (err) {
        set({ loadError: messageOf(err) });
      }
    },
    async startSetup() {
      set({ busy: true, actionError: null, codeError: null, notice: null });
      try {
        const setup = await api.call('twoFactor.setup', {});
        const status = get().status;
        set({ setup, busy: false, status: status ? { ...status, pendingSetup: true } : status });
      } catch (err) {
        set({ busy: false, actionError: messageOf(err) });
      }
    },
    cancelSetup() {
      // The unconfirmed secret stays pending in the core; starting again replaces it.
      set({ setup: null, codeError: null });
    },
    async confirm(code) {
      if (!CODE_SHAPE.test(code)) {
        set({ codeError: CODE_SHAPE_MESSAGE });
        return false;
      }
      set({ busy: true, codeError: null });
      try {
        const status = await api.call('twoFactor.confirm', { code });
        set({ status, setup: null, busy: false, notice: 'Two-factor authentication is on. Payments at or above your threshold now need a code.' });
        return true;
      } catch (err) {
        set({ busy: false, codeError: codeMessage(err) });
        void get().load();
        return false;
      }
    },
    startDisable() {
      set({ disabling: true, codeError: null, notice: null });
    },
    cancelDisable() {
      set({ disabling: false, codeError: null });
    },
    async disable(code) {
      if (!CODE_SHAPE.test(code)) {
        set({ codeError: CODE_SHAPE_MESSAGE });
        return false;
      }
      set({ busy: true, codeError: null });
      try {
        const status = await api.call('twoFactor.disable', { code });
        set({ status, disabling: false, busy: false, notice: 'Two-factor authentication is off. You can remove Steward from your authenticator app.' });
        return true;
      } catch (err) {
        set({ busy: false, codeError: codeMessage(err) });
        void get().load();
        return false;
      }
    },
    async saveThreshold(value, code) {
      const text = value.trim();
      // Sent as typed when it is not a number, so the core's message says what is wrong.
      const amount = (text !== '' && Number.isFinite(Number(text)) ? Number(text) : text) as number;
      if (code !== undefined && !CODE_SHAPE.test(code)) {
        set({ thresholdError: null, thresholdCodeError: CODE_SHAPE_MESSAGE });
        return false;
      }
      set({ thresholdError: null, thresholdCodeError: null, actionError: null, notice: null });
      try {
        const status = await api.call('twoFactor.setThreshold', { thresholdUsd: amount, ...(code !== undefined && { code }) });
        set({ status, notice: 'Threshold saved.' });
        return true;
      } catch (err) {
        const { message, fields } = requestErrorOf(err);
        if (fields.thresholdUsd) set({ thresholdError: fields.thresholdUsd });
        else if (fields.code) set({ thresholdCodeError: `The code ${fields.code}.` });
        else if (code !== undefined) set({ thresholdCodeError: message });
        else set({ actionError: message });
        void get().load();
        return false;
      }
    },
    applyThreshold(thresholdUsd) {
      const status = get().status;
      if (status && status.thresholdUsd !== thresholdUsd) set({ status: { ...status, thresholdUsd } });
    },
    clearThresholdError() {
      if (get().thresholdError) set({ thresholdError: null });
    },
    clearCodeError() {
      if (get().codeError || get().thresholdCodeError) set({ codeError: null, thresholdCodeError: null });
    },
  }));
}
