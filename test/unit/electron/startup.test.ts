import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { app, calls, resetFakeElectron } from './fake-electron.js';
import { StewardError } from '../../../src-main/core/errors.js';
import { fatalErrorText, showFatalErrorAndExit } from '../../../src-main/electron/fatal-error.js';
import { chooseSecretBackend } from '../../../src-main/electron/secret-backend.js';
import { acquireSingleInstanceLock } from '../../../src-main/electron/single-instance.js';

beforeEach(() => resetFakeElectron());

describe('start-up', () => {
  it('a core that cannot open shows its user message in a native dialog and exits (no fresh database)', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const err = new StewardError('cannot_unlock', 'Steward cannot unlock /data/steward.db: its key is missing from the keychain. Restore the keychain entry.');
    showFatalErrorAndExit(err);
    expect(calls.errorBoxes).toEqual([{ title: 'Steward cannot start', content: err.userMessage }]);
    expect(calls.exitCodes).toEqual([1]);
  });

  it('unexpected errors do not leak internals into the dialog', () => {
    expect(fatalErrorText(new Error('SQLITE_CORRUPT at 0xdeadbeef')).message).not.toContain('SQLITE');
  });

  it('keytar is the default secret backend; safe-storage is opt-in; typos are refused', () => {
    expect(chooseSecretBackend({})).toBe('keytar');
    expect(chooseSecretBackend({ STEWARD_SECRET_BACKEND: 'safe-storage' })).toBe('safe-storage');
    expect(() => chooseSecretBackend({ STEWARD_SECRET_BACKEND: 'plaintext' })).toThrow(/STEWARD_SECRET_BACKEND is "plaintext"/);
  });

  it('single instance: a second launch focuses the first; without the lock the caller quits', () => {
    const onSecond = vi.fn();
    expect(acquireSingleInstanceLock(onSecond)).toBe(true);
    app.emit('second-instance');
    expect(onSecond).toHaveBeenCalledOnce();
    resetFakeElectron();
    app.singleInstanceLock = false;
    expect(acquireSingleInstanceLock(vi.fn())).toBe(false);
  });
});
