import { StewardError } from '../errors.js';

export function keychainFixHint(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'Unlock your login keychain in Keychain Access and try again.';
    case 'win32':
      return 'Make sure Windows Credential Manager is available for your user account and try again.';
    default:
      return 'Start a Secret Service (GNOME Keyring or KWallet) in your desktop session and unlock it; on a headless machine run Steward through scripts/with-keyring.sh (needs the gnome-keyring and dbus-x11 packages).';
  }
}

/** The OS keychain cannot be reached. Steward never falls back to storing secrets in plain text. */
export class KeychainUnavailableError extends StewardError {
  constructor(reason: string, cause?: unknown) {
    super('keychain_unavailable', `The OS keychain is not available (${reason}), so Steward will not store secrets. ${keychainFixHint()}`, { cause });
  }
}
