import { describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../../src-main/core/security/totp.js';
import { TOTP_SECRET_ACCOUNT } from '../../../src-main/core/security/two-factor/two-factor-service.js';
import { createTwoFactorStore, type TwoFactorStore } from '../../../src-renderer/state/dashboards/two-factor-store.js';
import type { TestCore } from '../../helpers/test-core.js';
import { useFreshCore } from './support/fresh-core.js';
import type { InProcessApi } from './support/in-process-api.js';

let t: TestCore;
let api: InProcessApi;
let store: TwoFactorStore;

useFreshCore((core, inProcess) => {
  t = core;
  api = inProcess;
  store = createTwoFactorStore(api);
});

/** What the authenticator app shows, from the secret the card displayed (offset: steps ahead). */
function codeFor(shownSecret: string, offsetSteps = 0): string {
  return hotp(base32Decode(shownSecret), totpStep(new Date()) + offsetSteps);
}

describe('two-factor store', () => {
  it('loads the status: off, with the default $50 threshold', async () => {
    await store.getState().load();
    expect(store.getState().status).toEqual({ enabled: false, pendingSetup: false, thresholdUsd: 50, lockedUntil: null });
  });

  it('sets up with the shown secret, confirms with a code from it, and forgets the secret once on', async () => {
    await store.getState().load();
    await store.getState().startSetup();
    const setup = store.getState().setup;
    expect(setup?.secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4})+$/);
    expect(setup?.otpauthUri).toContain('issuer=Steward');
    expect(store.getState().status?.pendingSetup).toBe(true);
    // The key the card shows is the one in the keychain.
    expect(setup?.secret.replace(/ /g, '')).toBe(await t.secrets.get(TOTP_SECRET_ACCOUNT));

    expect(await store.getState().confirm('12')).toBe(false);
    expect(store.getState().codeError).toContain('6-digit code');
    expect(api.calls).not.toContain('twoFactor.confirm');

    expect(await store.getState().confirm(codeFor(setup!.secret))).toBe(true);
    expect(store.getState()).toMatchObject({ setup: null, codeError: null, status: { enabled: true, pendingSetup: false } });
    expect(store.getState().notice).toContain('Two-factor authentication is on');
  });

  it('shows the core’s reason for a wrong code and keeps setup open to try again', async () => {
    await store.getState().startSetup();
    const secret = store.getState().setup!.secret;
    const valid = new Set([-1, 0, 1].map((o) => codeFor(secret, o)));
    const wrong = [5, 6, 7, 8].map((o) => codeFor(secret, o)).find((c) => !valid.has(c))!;
    expect(await store.getState().confirm(wrong)).toBe(false);
    expect(store.getState().codeError).toMatch(/That code is not right.*4 tries left/);
    expect(store.getState().setup).not.toBeNull();
    store.getState().clearCodeError();
    expect(store.getState().codeError).toBeNull();
  });

  it('turning off needs a fresh code: a used one is refused, a new one works', async () => {
    await store.getState().startSetup();
    const secret = store.getState().setup!.secret;
    const first = codeFor(secret);
    await store.getState().confirm(first);

    store.getState().startDisable();
    expect(store.getState().disabling).toBe(true);
    expect(await store.getState().disable(first)).toBe(false);
    expect(store.getState().codeError).toContain('already used');
    expect(store.getState().status?.enabled).toBe(true);

    expect(await store.getState().disable(codeFor(secret, 1))).toBe(true);
    expect(store.getState()).toMatchObject({ disabling: false, status: { enabled: false } });
    expect(await t.secrets.get(TOTP_SECRET_ACCOUNT)).toBeNull();
  });

  it('saves the threshold through settings and shows the core’s message for a bad amount', async () => {
    await store.getState().load();
    expect(await store.getState().saveThreshold('120')).toBe(true);
    expect(store.getState().status?.thresholdUsd).toBe(120);
    expect(t.core.settings.get().approvals.twoFactorThresholdUsd).toBe(120);

    expect(await store.getState().saveThreshold('-5')).toBe(false);
    expect(store.getState().thresholdError).toContain('must not be negative');
    expect(await store.getState().saveThreshold('lots')).toBe(false);
    expect(store.getState().thresholdError).toBe('must be an amount in US dollars, such as 50');
    expect(t.core.settings.get().approvals.twoFactorThresholdUsd).toBe(120);
  });

  it('while two-factor is on, raising the threshold needs a code and lowering it does not', async () => {
    await store.getState().startSetup();
    const secret = store.getState().setup!.secret;
    await store.getState().confirm(codeFor(secret));

    expect(await store.getState().saveThreshold('500')).toBe(false);
    expect(store.getState().actionError).toContain('needs the current code');
    expect(await store.getState().saveThreshold('500', '12')).toBe(false);
    expect(store.getState().thresholdCodeError).toContain('6-digit code');
    expect(t.core.settings.get().approvals.twoFactorThresholdUsd).toBe(50);

    expect(await store.getState().saveThreshold('500', codeFor(secret, 1))).toBe(true);
    expect(store.getState().status?.thresholdUsd).toBe(500);
    expect(await store.getState().saveThreshold('20')).toBe(true);
    expect(t.core.settings.get().approvals.twoFactorThresholdUsd).toBe(20);
  });
});
