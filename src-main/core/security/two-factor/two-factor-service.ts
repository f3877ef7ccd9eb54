/**
 * Two-factor authentication with an authenticator app (TOTP, RFC 6238). The secret is made here,
 * stored only in the OS keychain and shown once, during setup; the database holds only the state
 * (off → pending → on), the last accepted time step and the wrong-code counter. Every code check —
 * confirming setup, turning it off, approving a payment — goes through verify(), so the replay
 * rule and the lockout apply everywhere alike.
 */
import { randomBytes } from 'node:crypto';
import type { Clock, SecretStore } from '../../ports.js';
import type { SettingsStore } from '../../store/settings-store.js';
import type { SqliteDatabase } from '../../store/sqlite.js';
import { base32Decode, base32Encode, groupForReading, TOTP_DIGITS, TOTP_PERIOD_SECONDS, verifyTotp } from '../totp.js';
import {
  TwoFactorAlreadyOffError,
  TwoFactorAlreadyOnError,
  TwoFactorCodeRequiredError,
  TwoFactorLockedError,
  TwoFactorNoSetupToConfirmError,
  TwoFactorNotSetUpError,
  TwoFactorSecretMissingError,
  TwoFactorThresholdCodeRequiredError,
  TwoFactorWrongCodeError,
  TwoFactorMethodCodeRequiredError,
  TwoFactorSmsCodeError,
} from './two-factor-errors.js';
import { SmsCodeChannel } from './sms-code-channel.js';
import { twilioCodeSender, type SmsCodeSender } from './sms-code-sender.js';
import { TwoFactorStateRepo, type TwoFactorState } from './two-factor-state-repo.js';

/** Keychain account of the TOTP secret (base32). */
export const TOTP_SECRET_ACCOUNT = 'security.totp';
export const MAX_WRONG_CODES = 5;
export const LOCKOUT_MS = 5 * 60_000;
/** 160 bits, the HMAC-SHA-1 block-friendly size RFC 4226 recommends. */
const SECRET_BYTES = 20;
const ISSUER = 'Steward';

export interface TwoFactorStatusView {
  enabled: boolean;
  pendingSetup: boolean;
  thresholdUsd: number;
  /** While wrong codes have locked code entry: when it opens again (ISO time). */
  lockedUntil: string | null;
}

export interface TwoFactorSetup {
  /** Base32, in groups of four for reading and typing. */
  secret: string;
  otpauthUri: string;
}

export interface TwoFactorServiceDeps {
  db: SqliteDatabase;
  secrets: SecretStore;
  clock: Clock;
  settings: SettingsStore;
  /** Shown in the authenticator app next to "Steward" (the profile name). */
  accountLabel?: string;
  /** Sends SMS codes (settings.approvals.twoFactorMethod 'sms'); by default through the Twilio integration. */
  smsSender?: SmsCodeSender;
}

export class TwoFactorService {
  private readonly state: TwoFactorStateRepo;
  private readonly smsCodes: SmsCodeChannel;

  constructor(private readonly deps: TwoFactorServiceDeps) {
    this.state = new TwoFactorStateRepo(deps.db, () => deps.clock.now());
    this.smsCodes = new SmsCodeChannel(deps.clock);
  }

  /** Whether payment codes come by SMS instead of from the authenticator app. */
  usesSms(): boolean {
    return this.deps.settings.get().approvals.twoFactorMethod === 'sms';
  }

  /** Texts a fresh code for this approval to the phone in the Security settings. */
  async sendSmsCode(approvalId: string, tool: string): Promise<void> {
    const phone = this.deps.settings.get().approvals.twoFactorPhone;
    if (!phone) throw new TwoFactorSmsCodeError('not_set_up');
    const send = this.deps.smsSender ?? twilioCodeSender(() => this.deps.settings.get(), this.deps.secrets);
    const code = this.smsCodes.issue(approvalId);
    await send(phone, `Steward code ${code} to approve "${tool}". It expires in 5 minutes. Never share it.`);
  }

  status(): TwoFactorStatusView {
    const state = this.state.read();
    return {
      enabled: state.status === 'on',
      pendingSetup: state.status === 'pending',
      thresholdUsd: this.deps.settings.get().approvals.twoFactorThresholdUsd,
      lockedUntil: this.activeLock(state)?.toISOString() ?? null,
    };
  }

  isEnabled(): boolean {
    return this.state.read().status === 'on';
  }

  /**
   * Creates a new secret (replacing an unconfirmed one) and returns it — the only time it ever
   * leaves the keychain. Refused while 2FA is on, unless the keychain lost the secret.
   */
  async setup(): Promise<TwoFactorSetup> {
    if (this.state.read().status === 'on' && (await this.deps.secrets.get(TOTP_SECRET_ACCOUNT))) throw new TwoFactorAlreadyOnError();
    const secret = base32Encode(randomBytes(SECRET_BYTES));
    await this.deps.secrets.set(TOTP_SECRET_ACCOUNT, secret);
    this.state.write({ status: 'pending', lastUsedStep: null, enabledAt: null });
    // Key URI format: "otpauth://totp/Issuer:account?secret=…&issuer=Issuer" (the colon stays literal, as apps expect).
    const label = `${ISSUER}:${encodeURIComponent(this.deps.accountLabel ?? 'default')}`;
    const query = new URLSearchParams({ secret, issuer: ISSUER, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_PERIOD_SECONDS) });
    return { secret: groupForReading(secret), otpauthUri: `otpauth://totp/${label}?${query.toString()}` };
  }

  /** The first valid code from the app proves it holds the secret; only then is 2FA on. */
  async confirm(code: string): Promise<TwoFactorStatusView> {
    const status = this.state.read().status;
    if (status !== 'pending') throw new TwoFactorNoSetupToConfirmError(status);
    await this.verify(code);
    this.state.write({ status: 'on', enabledAt: this.deps.clock.now().toISOString() });
    return this.status();
  }

  /** Turning 2FA off needs a current code, so a stolen session cannot quietly remove it. */
  async disable(code: string): Promise<TwoFactorStatusView> {
    if (this.state.read().status !== 'on') throw new TwoFactorAlreadyOffError();
    await this.verify(code);
    await this.deps.secrets.delete(TOTP_SECRET_ACCOUNT);
    this.state.write({ status: 'off', lastUsedStep: null, enabledAt: null });
    return this.status();
  }

  /**
   * Sets the amount from which payments need a code. Raising it while 2FA is on weakens the
   * protection, so it needs a valid code (and counts toward the lockout); lowering it never does.
   */
  async setThreshold(thresholdUsd: number, code: string | undefined): Promise<TwoFactorStatusView> {
    if (this.raises(thresholdUsd)) {
      const lock = this.activeLock(this.state.read());
      if (lock) throw new TwoFactorLockedError(lock, this.deps.clock.now(), false);
      if (!code) throw new TwoFactorThresholdCodeRequiredError('security');
      await this.verify(code);
    }
    this.deps.settings.update({ approvals: { twoFactorThresholdUsd: thresholdUsd } });
    return this.status();
  }

  /**
   * For settings.update: a patch may lower the threshold, but not raise it while 2FA is on — that
   * goes through setThreshold with a code. Synchronous, so it runs inside the request's transaction.
   */
  guardSettingsPatch(patch: Record<string, unknown>): Record<string, unknown> {
    const approvals = patch.approvals;
    const next = approvals && typeof approvals === 'object' ? (approvals as Record<string, unknown>).twoFactorThresholdUsd : undefined;
    if (typeof next === 'number' && this.raises(next)) throw new TwoFactorThresholdCodeRequiredError('settings');
    // Switching to SMS (or to another phone) while the app's codes guard payments would hand them to whoever holds that phone.
    if (approvals && typeof approvals === 'object' && this.isEnabled()) {
      const a = approvals as Record<string, unknown>;
      const current = this.deps.settings.get().approvals;
      if (('twoFactorMethod' in a && a.twoFactorMethod !== current.twoFactorMethod) || ('twoFactorPhone' in a && a.twoFactorPhone !== current.twoFactorPhone)) throw new TwoFactorMethodCodeRequiredError();
    }
    return patch;
  }

  private raises(thresholdUsd: number): boolean {
    return this.isEnabled() && thresholdUsd > this.deps.settings.get().approvals.twoFactorThresholdUsd;
  }

  /** The check a payment approval needs: 2FA must be on (fail closed) and the code right. */
  async verifyForPayment(code: string | undefined, approvalId?: string): Promise<void> {
    if (this.usesSms()) return this.verifySms(code, approvalId ?? '');
    if (this.state.read().status !== 'on') throw new TwoFactorNotSetUpError();
    const lock = this.activeLock(this.state.read());
    if (lock) throw new TwoFactorLockedError(lock, this.deps.clock.now(), false);
    if (!code) throw new TwoFactorCodeRequiredError();
    await this.verify(code);
  }

  /**
   * Checks a code against the stored secret. A wrong or replayed code counts toward the lockout;
   * an accepted one records its step (never accepted again) and clears the counter. After the
   * await, the check and the update run without yielding, so two answers cannot both use one code.
   */
  private async verify(code: string): Promise<void> {
    const before = this.activeLock(this.state.read());
    if (before) throw new TwoFactorLockedError(before, this.deps.clock.now(), false);
    const stored = await this.deps.secrets.get(TOTP_SECRET_ACCOUNT);
    if (!stored) throw new TwoFactorSecretMissingError();

    const now = this.deps.clock.now();
    const state = this.state.read();
    const lock = this.activeLock(state);
    if (lock) throw new TwoFactorLockedError(lock, now, false);
    const check = verifyTotp(base32Decode(stored), code.trim(), now, { lastUsedStep: state.lastUsedStep });
    if (check.ok) {
      this.state.write({ lastUsedStep: check.step, failedAttempts: 0, lockedUntil: null });
      return;
    }
    // A lock that has run out starts a fresh count.
    const failed = (state.lockedUntil ? 0 : state.failedAttempts) + 1;
    if (failed >= MAX_WRONG_CODES) {
      const until = new Date(now.getTime() + LOCKOUT_MS);
      this.state.write({ failedAttempts: 0, lockedUntil: until.toISOString() });
      throw new TwoFactorLockedError(until, now, true);
    }
    this.state.write({ failedAttempts: failed, lockedUntil: null });
    throw new TwoFactorWrongCodeError(check.reason, MAX_WRONG_CODES - failed);
  }

  /** The SMS counterpart of verify(): the same lockout, the code bound to the approval it was sent for. */
  private async verifySms(code: string | undefined, approvalId: string): Promise<void> {
    if (!this.deps.settings.get().approvals.twoFactorPhone) throw new TwoFactorSmsCodeError('not_set_up');
    const now = this.deps.clock.now();
    const state = this.state.read();
    const lock = this.activeLock(state);
    if (lock) throw new TwoFactorLockedError(lock, now, false);
    if (!code) throw new TwoFactorCodeRequiredError('sms');
    const check = this.smsCodes.check(approvalId, code);
    if (check.ok) {
      this.state.write({ failedAttempts: 0, lockedUntil: null });
      return;
    }
    if (check.reason === 'none') throw new TwoFactorSmsCodeError('none');
    if (check.reason === 'expired') {
      await this.sendSmsCode(approvalId, 'the payment').catch(() => undefined);
      throw new TwoFactorSmsCodeError('expired');
    }
    const failed = (state.lockedUntil ? 0 : state.failedAttempts) + 1;
    if (failed >= MAX_WRONG_CODES) {
      const until = new Date(now.getTime() + LOCKOUT_MS);
      this.state.write({ failedAttempts: 0, lockedUntil: until.toISOString() });
      throw new TwoFactorLockedError(until, now, true);
    }
    this.state.write({ failedAttempts: failed, lockedUntil: null });
    throw new TwoFactorWrongCodeError(check.reason, MAX_WRONG_CODES - failed, 'sms');
  }

  private activeLock(state: TwoFactorState): Date | null {
    if (!state.lockedUntil) return null;
    const until = new Date(state.lockedUntil);
    return until.getTime() > this.deps.clock.now().getTime() ? until : null;
  }
}
