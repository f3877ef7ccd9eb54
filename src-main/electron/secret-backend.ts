/**
 * Which SecretStore the desktop app uses. Plain module. The OS keychain via keytar is the default;
 * STEWARD_SECRET_BACKEND=safe-storage selects Electron safeStorage. An unknown value is an error,
 * not a silent default, so a typo never stores secrets somewhere the user did not choose.
 */
import { StewardError } from '../core/errors.js';

export type SecretBackendChoice = 'keytar' | 'safe-storage';

export function chooseSecretBackend(env: NodeJS.ProcessEnv = process.env): SecretBackendChoice {
  const raw = env.STEWARD_SECRET_BACKEND?.trim();
  if (!raw || raw === 'keytar') return 'keytar';
  if (raw === 'safe-storage') return 'safe-storage';
  throw new StewardError(
    'invalid_input',
    `STEWARD_SECRET_BACKEND is "${raw}", which Steward does not know. Use "keytar" (the OS keychain, the default) or "safe-storage" (Electron safe storage), or unset it.`,
  );
}
