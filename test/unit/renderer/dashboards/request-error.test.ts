import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-renderer/api/api-error.js';
import { messageOf, requestErrorOf } from '../../../../src-renderer/state/dashboards/request-error.js';

describe('request errors for forms', () => {
  const refused = new ApiError('settings_invalid', 'Settings not saved: …', [
    { path: 'integrations.smtp.host', message: 'must not be empty' },
    { path: 'integrations.smtp.host', message: 'must be a host name such as smtp.example.com or an IP address' },
    { path: 'integrations.smtp.port', message: 'must be between 1 and 65535' },
  ]);

  it('keeps the first message per field, by its dotted path, and the whole message', () => {
    expect(requestErrorOf(refused)).toEqual({
      message: 'Settings not saved: …',
      fields: { 'integrations.smtp.host': 'must not be empty', 'integrations.smtp.port': 'must be between 1 and 65535' },
    });
  });

  it('strips a prefix so a sub-form can look fields up by its own names', () => {
    expect(requestErrorOf(refused, 'integrations.smtp.').fields).toEqual({ host: 'must not be empty', port: 'must be between 1 and 65535' });
  });

  it('turns anything else thrown into a message the user can act on, with no fields', () => {
    expect(requestErrorOf(new Error('socket hang up'))).toEqual({ message: expect.stringContaining('socket hang up'), fields: {} });
    expect(messageOf('boom')).toMatch(/Something went wrong in the app \(boom\)\. Please try again\./);
    expect(messageOf(new ApiError('network', 'Cannot reach Steward.'))).toBe('Cannot reach Steward.');
  });
});
