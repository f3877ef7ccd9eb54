import { describe, expect, it } from 'vitest';
import { defaultDataDir, isValidProfileName, resolvePaths } from '../../../src-main/core/paths.js';
import { redactText, redactValue, registerSecret } from '../../../src-main/core/security/redaction.js';

describe('data directory by OS convention', () => {
  it('follows XDG on Linux, Application Support on macOS, %APPDATA% on Windows', () => {
    expect(defaultDataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.local/share/steward');
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ann')).toBe('/data/steward');
    expect(defaultDataDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/Steward');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toContain('Steward');
  });

  it('lets STEWARD_HOME override everything', () => {
    expect(defaultDataDir({ STEWARD_HOME: '/srv/steward', XDG_DATA_HOME: '/data' }, 'linux', '/home/ann')).toBe('/srv/steward');
  });

  it('keeps one database per profile and rejects unsafe profile names', () => {
    expect(resolvePaths('/d', 'work').databasePath).toBe('/d/profiles/work/steward.db');
    expect(isValidProfileName('work-2')).toBe(true);
    for (const bad of ['../etc', 'Work', '', 'a/b', 'x'.repeat(41)]) expect(isValidProfileName(bad)).toBe(false);
  });
});

describe('redaction', () => {
  it('redacts secret-named fields and secret-looking values, deeply', () => {
    expect(
      redactValue({ to: 'ann@example.com', password: 'pa55word!', nested: [{ authorization: 'Bearer abc' }], note: 'use key sk-proj-0123456789abcdefghij please' }),
    ).toEqual({ to: 'ann@example.com', password: '[redacted]', nested: [{ authorization: '[redacted]' }], note: 'use key [redacted] please' });
  });

  it('redacts any secret this process has handled, wherever it appears', () => {
    registerSecret('correct-horse-battery');
    expect(redactText('failed to log in with correct-horse-battery at 10:00')).toBe('failed to log in with [redacted] at 10:00');
  });
});
