/**
 * What goes wrong with two-factor codes, each saying what to do next. None of them ever carries
 * the code or the secret. Codes are deliberately not 'unauthorized': hosts map that to HTTP 401,
 * which the browser UI treats as a rejected access token.
 */
import { StewardError } from '../../errors.js';

export const SECURITY_SETTINGS_PLACE = 'Settings → Security';

export class TwoFactorCodeRequiredError extends StewardError {
  constructor(channel: 'app' | 'sms' = 'app') {
    super(
      'invalid_input',
      channel === 'sms'
        ? 'This payment needs the 6-digit code Steward texted to your phone. Enter it and approve again.'
        : 'This payment needs the code from your authenticator app. Enter the current 6-digit code for Steward and approve again.',
    );
  }
}

export class TwoFactorNotSetUpError extends StewardError {
  constructor() {
    super(
      'conflict',
      `This payment needs two-factor approval, but two-factor authentication is not set up, so it cannot be approved. Set it up in ${SECURITY_SETTINGS_PLACE}, then approve again — or reject it.`,
    );
  }
}

export class TwoFactorWrongCodeError extends StewardError {
  constructor(reason: 'wrong' | 'replayed', triesLeft: number, channel: 'app' | 'sms' = 'app') {
    const what =
      channel === 'sms'
        ? reason === 'replayed'
          ? 'That SMS code was already used. Ask for a new code and enter that one'
          : 'That code is not right. Enter the 6-digit code Steward texted to your phone'
        : reason === 'replayed'
          ? 'That code was already used. Wait for your authenticator app to show a new code and enter that one'
          : 'That code is not right. Enter the current 6-digit code from your authenticator app';
    super('invalid_input', `${what} (${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left before codes are refused for 5 minutes).`);
  }
}

export class TwoFactorLockedError extends StewardError {
  readonly retryAt: string;
  constructor(retryAt: Date, now: Date, justLocked: boolean) {
    const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
    const clock = retryAt.toISOString().slice(11, 16);
    const lead = justLocked ? 'That code is not right, and it was the 5th wrong code in a row, so codes are refused for 5 minutes.' : 'Too many wrong codes were entered, so codes are refused for now.';
    super('conflict', `${lead} Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (after ${clock} UTC).`);
    this.retryAt = retryAt.toISOString();
  }
}

export class TwoFactorAlreadyOnError extends StewardError {
  constructor() {
    super('conflict', 'Two-factor authentication is already on. To use a different authenticator, turn it off first (that needs a current code), then set it up again.');
  }
}

export class TwoFactorNoSetupToConfirmError extends StewardError {
  constructor(status: 'off' | 'on') {
    super(
      'conflict',
      status === 'on'
        ? 'Two-factor authentication is already on; there is nothing to confirm.'
        : `There is no two-factor setup to confirm. Choose "Set up" in ${SECURITY_SETTINGS_PLACE} first.`,
    );
  }
}

export class TwoFactorAlreadyOffError extends StewardError {
  constructor() {
    super('conflict', 'Two-factor authentication is already off; there is nothing to turn off.');
  }
}

export class TwoFactorSecretMissingError extends StewardError {
  constructor() {
    super(
      'keychain_unavailable',
      `Steward's two-factor secret is missing from the system keychain, so codes cannot be checked and payments that need one stay blocked. Set two-factor up again in ${SECURITY_SETTINGS_PLACE}.`,
    );
  }
}

export class TwoFactorThresholdCodeRequiredError extends StewardError {
  constructor(via: 'settings' | 'security') {
    super(
      'conflict',
      via === 'settings'
        ? `Raising the two-factor threshold needs a code from your authenticator app, so it was not changed. Change it in ${SECURITY_SETTINGS_PLACE} and enter a code there.`
        : 'Raising the threshold lets larger payments through without a code, so it needs the current code from your authenticator app. Enter it and save again.',
    );
  }
}

export class TwoFactorSmsCodeError extends StewardError {
  constructor(reason: 'none' | 'expired' | 'not_set_up') {
    super(
      reason === 'not_set_up' ? 'conflict' : 'invalid_input',
      reason === 'none'
        ? 'No SMS code was sent for this approval yet. Steward texts one when the approval is requested; ask again to get a new one.'
        : reason === 'expired'
          ? 'That SMS code has expired (codes last 5 minutes). A new code was texted to you; enter that one.'
          : `Two-factor by SMS is chosen but no phone number is set. Enter "Phone for codes" (such as +14155550123) in ${SECURITY_SETTINGS_PLACE}, or switch back to the authenticator app.`,
    );
  }
}

export class TwoFactorMethodCodeRequiredError extends StewardError {
  constructor() {
    super('conflict', `Changing how two-factor codes arrive (app or SMS, or the phone number) weakens it while two-factor is on, so it was not changed. Turn two-factor off with a current code in ${SECURITY_SETTINGS_PLACE} first.`);
  }
}
