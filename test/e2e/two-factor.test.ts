/**
 * Settings → Security end to end: the real local server (real encrypted store, real keychain)
 * serving the built renderer in Debian's Chromium. A person sets up two-factor, types the key the
 * card shows into "their authenticator" (here: the RFC 6238 code computed from it), confirms,
 * sees it on, changes the threshold, and is refused with a wrong code when turning it off.
 * Screenshots (light and dark) go to test-artifacts/ui/.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../src-main/core/security/totp.js';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { describeInChromium } from './support/chromium.js';

/** What an authenticator app shows for this key now (offset: steps ahead). */
const codeFor = (shownKey: string, offsetSteps = 0) => hotp(base32Decode(shownKey), totpStep(new Date()) + offsetSteps);

describeInChromium('two-factor settings in Chromium', () => {
  const e2e = browserSuite({ suite: '2fa', script: (script) => writeFileSync(script, JSON.stringify({ rules: [] })), timeoutMs: 20_000, watch: { console: 'errors' } });
  /** The setup key as the card showed it (what a person types into the authenticator app). */
  let key = '';

  const card = (): Locator => e2e.page.getByRole('region', { name: 'Security' });
  const shoot = async (name: string) => {
    await e2e.page.evaluate(() => document.fonts.ready);
    await card().screenshot({ path: path.join(UI_ARTIFACTS, `${name}.png`), animations: 'disabled' });
  };
  const api = (method: string, input: unknown) => callApi(e2e.server, method, input);

  beforeAll(async () => {
    // On a loaded machine the first click can land while the app is still starting and be undone
    // by its first route; click again until Settings is showing (up to a minute).
    const heading = e2e.page.getByRole('heading', { level: 1, name: 'Settings' });
    for (let attempt = 0; attempt < 6; attempt++) {
      await e2e.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      if (await heading.waitFor({ timeout: 10_000 }).then(() => true, () => false)) return;
    }
    await heading.waitFor({ timeout: 1_000 });
  }, 90_000);

  it('sets up two-factor with the shown key, confirms with its code, and shows it on', async () => {
    await card().getByText('Off', { exact: true }).waitFor();
    await card().getByText(/Until it is on, those payments cannot be approved/).waitFor();
    await card().getByRole('button', { name: 'Set up two-factor' }).click();

    key = (await card().getByTestId('two-factor-secret').textContent())!.trim();
    expect(key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const link = await card().getByRole('link', { name: 'open the setup link' }).getAttribute('href');
    expect(link).toBe(`otpauth://totp/Steward:default?secret=${key.replace(/ /g, '')}&issuer=Steward&algorithm=SHA1&digits=6&period=30`);
    // The QR code an authenticator app scans carries exactly that link.
    const qr = PNG.sync.read(await card().getByRole('img', { name: 'QR code of the two-factor setup link' }).screenshot());
    expect(jsQR(new Uint8ClampedArray(qr.data), qr.width, qr.height)?.data).toBe(link);
    await card().getByText('Setup not finished').waitFor();
    await shoot('settings-two-factor-setup');

    const field = card().getByRole('textbox', { name: 'Authenticator code' });
    expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    // Letters are dropped as they are typed: only digits reach the field.
    await field.fill('12ab');
    expect(await field.inputValue()).toBe('12');
    await field.fill(codeFor(key));
    await card().getByRole('button', { name: 'Turn on' }).click();

    await card().getByText('On', { exact: true }).waitFor();
    await card().getByText(/Two-factor authentication is on/).waitFor();
    await card().getByText(/Payments of \$50\.00 or more need the 6-digit code/).waitFor();
    expect(await card().getByTestId('two-factor-secret').count()).toBe(0);
    expect(await api('twoFactor.status', {})).toMatchObject({ enabled: true, pendingSetup: false });
    await shoot('settings-two-factor');
  });

  it('changes the threshold, and refuses a wrong code when turning it off', async () => {
    const threshold = card().getByRole('textbox', { name: 'Ask for a code from (USD)' });
    await threshold.fill('-3');
    await card().getByRole('button', { name: 'Save', exact: true }).click();
    await card().getByText('Ask for a code from (USD) must not be negative').waitFor();
    // Raising it lets bigger payments through without a code, so it asks for one.
    await threshold.fill('250');
    expect(await card().getByText(/must not be negative/).count()).toBe(0);
    await card().getByRole('textbox', { name: 'Code to raise the threshold' }).fill(codeFor(key, 1));
    await shoot('settings-two-factor-raise-threshold');
    await card().getByRole('button', { name: 'Save with code' }).click();
    await card().getByText(/Payments of \$250\.00 or more need the 6-digit code/).waitFor();

    await card().getByRole('button', { name: 'Turn off…' }).click();
    const field = card().getByRole('textbox', { name: 'Authenticator code' });
    const valid = new Set([-1, 0, 1].map((offset) => codeFor(key, offset)));
    await field.fill(['000000', '111111', '222222', '333333'].find((code) => !valid.has(code))!);
    await card().getByRole('button', { name: 'Turn off two-factor' }).click();
    const error = card().getByRole('alert').filter({ hasText: /That code is not right|already used/ });
    await error.waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    await card().getByText('On', { exact: true }).waitFor();

    await api('settings.update', { patch: { theme: 'dark' } });
    await expect.poll(() => e2e.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await shoot('settings-two-factor-dark');
    // The wrong code and the negative amount were refused with HTTP 400 on purpose; nothing else may fail.
    expect(e2e.problems.filter((p) => !/Failed to load resource: .*status of 400/.test(p))).toEqual([]);
  });
});
