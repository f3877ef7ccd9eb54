/**
 * Two-factor approval of payments in a real core with the real agent: a financial tool at or above
 * the threshold cannot be approved without a valid authenticator code — not without 2FA set up,
 * not without a code, not with a wrong or replayed one — and each refusal leaves it pending.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Approval } from '../../../src-preload/contract.js';
import type { Script } from '../../../src-main/core/llm/scripted-provider.js';
import { TOTP_SECRET_ACCOUNT } from '../../../src-main/core/security/two-factor/two-factor-service.js';
import { base32Decode, hotp, totpStep } from '../../../src-main/core/security/totp.js';
import { createHarness, intentResponse, is, type Harness } from '../agent/support/agent-harness.js';
import { tempDir } from '../../helpers/test-core.js';

const payments: Script = {
  rules: [
    { match: { role: 'intent', lastUser: 'INV-100' }, response: intentResponse('simple_action', { tool: 'pay_invoice', parameters: { invoice: 'INV-100', amountUsd: 120 } }) },
    { match: { role: 'intent', lastUser: 'INV-200' }, response: intentResponse('simple_action', { tool: 'pay_invoice', parameters: { invoice: 'INV-200', amountUsd: 80 } }) },
    { match: { role: 'intent', lastUser: 'INV-small' }, response: intentResponse('simple_action', { tool: 'pay_invoice', parameters: { invoice: 'INV-small', amountUsd: 5 } }) },
  ],
};
// Payments are costs to the budget ledger too; raise the budgets so only 2FA stands in the way.
const settings = { budgets: { dailyUsd: 10_000, perTaskUsd: 10_000 } };

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.dispose();
});

async function open(options: Parameters<typeof createHarness>[0] = {}): Promise<Harness> {
  const h = await createHarness({ script: payments, settings, ...options });
  harnesses.push(h);
  return h;
}

async function requestPayment(h: Harness, invoice: string, conversationId?: string): Promise<Approval> {
  const since = h.mark();
  await h.send(`pay invoice ${invoice}`, conversationId);
  return (await h.waitFor(is('approval.requested'), { since })).approval;
}

const respond = (h: Harness, input: { id: string; decision: 'approve' | 'reject' | 'modify'; code?: string; args?: Record<string, unknown> }) =>
  h.core.request('approvals.respond', input, { actor: 'ui' });

const pendingIds = (h: Harness) => h.agent.listApprovals({ status: 'pending' }).map((a) => a.id);

/** The code an authenticator app shows now, from the secret as the keychain holds it. */
async function currentCode(h: Harness, offsetSteps = 0): Promise<string> {
  const secret = await h.secrets.get(TOTP_SECRET_ACCOUNT);
  if (!secret) throw new Error('no two-factor secret in the keychain');
  return hotp(base32Decode(secret), totpStep(h.clock.now()) + offsetSteps);
}

/** A code for this secret that is not valid now (outside the ±1 step window). */
async function wrongCode(h: Harness): Promise<string> {
  const valid = new Set([await currentCode(h, -1), await currentCode(h), await currentCode(h, 1)]);
  for (let offset = 5; ; offset += 1) {
    const code = await currentCode(h, offset);
    if (!valid.has(code)) return code;
  }
}

async function enableTwoFactor(h: Harness): Promise<string> {
  const setup = await h.core.request('twoFactor.setup', {});
  await h.core.request('twoFactor.confirm', { code: await currentCode(h) });
  // The next code must come from a later step: the confirming one can never be used again.
  h.clock.advance(30_000);
  return setup.secret.replace(/ /g, '');
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; userMessage: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; userMessage: string; message: string };
  }
  throw new Error('expected the request to be refused');
}

describe('two-factor approval of payments', () => {
  it('marks payments at or above the threshold, and only those', async () => {
    const h = await open();
    const big = await requestPayment(h, 'INV-100');
    expect(big).toMatchObject({ tool: 'pay_invoice', risk: 'financial', costEstimateUsd: 120, twoFactorRequired: true });
    const small = await requestPayment(h, 'INV-small');
    expect(small).toMatchObject({ costEstimateUsd: 5, twoFactorRequired: false });
    expect(h.agent.listApprovals({ status: 'pending' }).find((a) => a.id === big.id)?.twoFactorRequired).toBe(true);

    // Below the threshold no code is asked for.
    await respond(h, { id: small.id, decision: 'approve' });
    await h.waitForTask(small.taskId!, ['succeeded']);
    expect(h.world.payments).toEqual([{ invoice: 'INV-small', amountUsd: 5 }]);
  });

  it('fails closed: without 2FA set up a payment over the threshold cannot be approved, and stays pending', async () => {
    const h = await open();
    const approval = await requestPayment(h, 'INV-100');
    const refused = await errorOf(respond(h, { id: approval.id, decision: 'approve', code: '123456' }));
    expect(refused.userMessage).toMatch(/two-factor authentication is not set up.*Settings → Security/);
    expect(pendingIds(h)).toEqual([approval.id]);
    expect(h.world.payments).toEqual([]);
  });

  it('needs the right code; missing and wrong codes leave it pending; the right one pays; reject needs none', async () => {
    const h = await open();
    await enableTwoFactor(h);
    const approval = await requestPayment(h, 'INV-100');

    const missing = await errorOf(respond(h, { id: approval.id, decision: 'approve' }));
    expect(missing.userMessage).toContain('This payment needs the code from your authenticator app');
    const wrong = await errorOf(respond(h, { id: approval.id, decision: 'approve', code: await wrongCode(h) }));
    expect(wrong.userMessage).toMatch(/That code is not right.*4 tries left/);
    const modifiedWithoutCode = await errorOf(respond(h, { id: approval.id, decision: 'modify', args: { invoice: 'INV-100', amountUsd: 110 } }));
    expect(modifiedWithoutCode.userMessage).toContain('needs the code');
    expect(pendingIds(h)).toEqual([approval.id]);
    expect(h.world.payments).toEqual([]);

    const result = await respond(h, { id: approval.id, decision: 'approve', code: await currentCode(h) });
    expect(result).toMatchObject({ applied: true, approval: { status: 'approved', decidedBy: 'ui', twoFactorRequired: true } });
    await h.waitForTask(approval.taskId!, ['succeeded']);
    expect(h.world.payments).toEqual([{ invoice: 'INV-100', amountUsd: 120 }]);

    const other = await requestPayment(h, 'INV-200');
    const rejected = await respond(h, { id: other.id, decision: 'reject' });
    expect(rejected).toMatchObject({ applied: true, approval: { status: 'rejected' } });
    expect(h.world.payments).toHaveLength(1);
  });

  it('from the chat: /approve without the code explains what is needed; with it, the payment goes through', async () => {
    const h = await open();
    await enableTwoFactor(h);
    const since = h.mark();
    const asked = await h.send('pay invoice INV-100');
    const approval = (await h.waitFor(is('approval.requested'), { since })).approval;

    const bare = await h.send(`/approve ${approval.id.slice(0, 8)}`, asked.conversationId);
    expect(bare.replies[0]!.text).toContain('needs the code from your authenticator app');
    expect(pendingIds(h)).toEqual([approval.id]);

    const withCode = await h.send(`/approve ${approval.id.slice(0, 8)} ${await currentCode(h)}`, asked.conversationId);
    expect(withCode.replies[0]!.text).toMatch(/^Approved: /);
    await h.waitForTask(approval.taskId!, ['succeeded']);
    expect(h.world.payments).toEqual([{ invoice: 'INV-100', amountUsd: 120 }]);
  });

  it('refuses a code that was already used, even inside its time window', async () => {
    const h = await open();
    await enableTwoFactor(h);
    const first = await requestPayment(h, 'INV-100');
    const code = await currentCode(h);
    await respond(h, { id: first.id, decision: 'approve', code });
    await h.waitForTask(first.taskId!, ['succeeded']);

    const second = await requestPayment(h, 'INV-200');
    const replay = await errorOf(respond(h, { id: second.id, decision: 'approve', code }));
    expect(replay.userMessage).toContain('That code was already used');
    expect(pendingIds(h)).toEqual([second.id]);
    h.clock.advance(30_000);
    await respond(h, { id: second.id, decision: 'approve', code: await currentCode(h) });
    await h.waitForTask(second.taskId!, ['succeeded']);
    expect(h.world.payments.map((p) => p.invoice)).toEqual(['INV-100', 'INV-200']);
  });

  it('a modified amount that crosses the threshold needs a code even when the original did not', async () => {
    const h = await open();
    await enableTwoFactor(h);
    const small = await requestPayment(h, 'INV-small');
    expect(small.twoFactorRequired).toBe(false);
    const refused = await errorOf(respond(h, { id: small.id, decision: 'modify', args: { invoice: 'INV-small', amountUsd: 500 } }));
    expect(refused.userMessage).toContain('needs the code');
    expect(pendingIds(h)).toEqual([small.id]);
  });

  it('locks code entry after 5 wrong codes in a row, across a restart, then opens again', async () => {
    const dataDir = tempDir('steward-2fa-');
    const h = await open({ dataDir });
    await enableTwoFactor(h);
    const approval = await requestPayment(h, 'INV-100');
    const messages: string[] = [];
    for (let i = 0; i < 5; i += 1) messages.push((await errorOf(respond(h, { id: approval.id, decision: 'approve', code: await wrongCode(h) }))).userMessage);
    expect(messages[3]).toContain('1 try left');
    expect(messages[4]).toMatch(/5th wrong code in a row.*Try again in 5 minutes/);
    // Now even the right code is refused.
    const locked = await errorOf(respond(h, { id: approval.id, decision: 'approve', code: await currentCode(h) }));
    expect(locked.userMessage).toMatch(/Too many wrong codes.*Try again in 5 minutes/);
    expect((await h.core.request('twoFactor.status', {})).lockedUntil).not.toBeNull();

    // A restart keeps both the lockout and 2FA itself.
    const secrets = h.secrets;
    await h.dispose();
    harnesses.splice(harnesses.indexOf(h), 1);
    const again = await open({ dataDir, secrets, secretValues: {} });
    again.clock.advance(h.clock.now().getTime() - again.clock.now().getTime() + 60_000);
    expect(await again.core.request('twoFactor.status', {})).toMatchObject({ enabled: true, pendingSetup: false, thresholdUsd: 50 });
    const stillLocked = await errorOf(respond(again, { id: approval.id, decision: 'approve', code: await currentCode(again) }));
    expect(stillLocked.userMessage).toMatch(/Too many wrong codes.*Try again in 4 minutes/);
    expect(pendingIds(again)).toEqual([approval.id]);

    again.clock.advance(4 * 60_000 + 1_000);
    const result = await respond(again, { id: approval.id, decision: 'approve', code: await currentCode(again) });
    expect(result.approval.status).toBe('approved');
  });
});

describe('two-factor setup and the secret', () => {
  it('goes off → pending → on, shows the secret once, and needs a code to turn off', async () => {
    const h = await open();
    expect(await h.core.request('twoFactor.status', {})).toEqual({ enabled: false, pendingSetup: false, thresholdUsd: 50, lockedUntil: null });

    const setup = await h.core.request('twoFactor.setup', {});
    const stored = await h.secrets.get(TOTP_SECRET_ACCOUNT);
    expect(setup.secret.replace(/ /g, '')).toBe(stored);
    expect(setup.secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(setup.otpauthUri).toMatch(new RegExp(`^otpauth://totp/Steward:default\\?secret=${stored}&issuer=Steward&algorithm=SHA1&digits=6&period=30$`));
    expect(await h.core.request('twoFactor.status', {})).toMatchObject({ enabled: false, pendingSetup: true });

    await expect(h.core.request('twoFactor.confirm', { code: await wrongCode(h) })).rejects.toMatchObject({ userMessage: expect.stringContaining('not right') });
    expect(await h.core.request('twoFactor.status', {})).toMatchObject({ enabled: false, pendingSetup: true });
    await h.core.request('twoFactor.confirm', { code: await currentCode(h) });
    expect(await h.core.request('twoFactor.status', {})).toMatchObject({ enabled: true, pendingSetup: false });
    await expect(h.core.request('twoFactor.setup', {})).rejects.toMatchObject({ code: 'conflict', userMessage: expect.stringContaining('already on') });

    h.clock.advance(30_000);
    await expect(h.core.request('twoFactor.disable', { code: await wrongCode(h) })).rejects.toMatchObject({ userMessage: expect.stringContaining('not right') });
    await expect(h.core.request('twoFactor.disable', { code: 'abc' } as never)).rejects.toMatchObject({ code: 'invalid_input', userMessage: expect.stringContaining('6-digit code') });
    expect((await h.core.request('twoFactor.status', {})).enabled).toBe(true);
    await h.core.request('twoFactor.disable', { code: await currentCode(h) });
    expect(await h.core.request('twoFactor.status', {})).toMatchObject({ enabled: false, pendingSetup: false });
    expect(await h.secrets.get(TOTP_SECRET_ACCOUNT)).toBeNull();
  });

  it('the threshold is a setting: raising it lets smaller payments through without a code', async () => {
    const h = await open({ settings: { ...settings, approvals: { twoFactorThresholdUsd: 100 } } });
    expect((await h.core.request('twoFactor.status', {})).thresholdUsd).toBe(100);
    const approval = await requestPayment(h, 'INV-200');
    expect(approval.twoFactorRequired).toBe(false);
    await expect(h.core.request('settings.update', { patch: { approvals: { twoFactorThresholdUsd: -1 } } })).rejects.toMatchObject({
      userMessage: expect.stringContaining('approvals.twoFactorThresholdUsd must not be negative'),
    });
  });

  it('while 2FA is on, the threshold can be lowered freely but raised only with a code', async () => {
    const h = await open();
    await enableTwoFactor(h);
    await expect(h.core.request('settings.update', { patch: { approvals: { twoFactorThresholdUsd: 10_000 } } })).rejects.toMatchObject({
      code: 'conflict',
      userMessage: expect.stringContaining('Raising the two-factor threshold needs a code'),
    });
    await expect(h.core.request('twoFactor.setThreshold', { thresholdUsd: 10_000 })).rejects.toMatchObject({ userMessage: expect.stringContaining('needs the current code') });
    await expect(h.core.request('twoFactor.setThreshold', { thresholdUsd: 10_000, code: await wrongCode(h) })).rejects.toMatchObject({ userMessage: expect.stringContaining('not right') });
    expect(h.core.settings.get().approvals.twoFactorThresholdUsd).toBe(50);

    expect(await h.core.request('twoFactor.setThreshold', { thresholdUsd: 10_000, code: await currentCode(h) })).toMatchObject({ thresholdUsd: 10_000 });
    await h.core.request('settings.update', { patch: { approvals: { twoFactorThresholdUsd: 25 } } });
    expect((await h.core.request('twoFactor.status', {})).thresholdUsd).toBe(25);
    // The audit row of setThreshold keeps the amount but not the code.
    const row = h.core.audit.list({ limit: 50 }).find((r) => r.action === 'twoFactor.setThreshold' && r.result === 'ok');
    expect(row?.args).toEqual({ thresholdUsd: 10_000, code: '[redacted]' });
  });

  it('never writes the secret or a code into the database, the audit rows or an error message', async () => {
    const h = await open();
    const secret = await enableTwoFactor(h);
    const approval = await requestPayment(h, 'INV-100');
    const errors = [
      await errorOf(respond(h, { id: approval.id, decision: 'approve', code: await wrongCode(h) })),
      await errorOf(respond(h, { id: approval.id, decision: 'approve' })),
    ];
    await respond(h, { id: approval.id, decision: 'approve', code: await currentCode(h) });
    await h.waitForTask(approval.taskId!, ['succeeded']);

    for (const error of errors) expect(`${error.userMessage} ${error.message}`).not.toContain(secret);
    const audit = h.core.audit.list({ limit: 1000 });
    const codeRows = audit.filter((row) => ['approvals.respond', 'twoFactor.confirm'].includes(row.action));
    expect(codeRows.length).toBeGreaterThanOrEqual(4);
    for (const row of codeRows) {
      const args = row.args as { code?: unknown };
      if ('code' in args) expect(args.code).toBe('[redacted]');
    }
    expect(codeRows.filter((row) => 'code' in (row.args as object)).length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit)).not.toContain(secret);

    // Every table, read through SQL (the file itself is encrypted): no secret anywhere.
    const tables = h.core.db.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) {
      const rows = h.core.db.raw.prepare(`SELECT * FROM "${name}"`).all();
      expect(JSON.stringify(rows), `table ${name}`).not.toContain(secret);
    }
    for (const file of readdirSync(h.dataDir, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      expect(readFileSync(path.join(file.parentPath, file.name)).includes(secret), file.name).toBe(false);
    }
  });
});
