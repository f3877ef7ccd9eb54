import { describe, expect, it } from 'vitest';
import { deciderLabel } from '../../../src-renderer/features/approvals/approval-text.js';

describe('an approval card closed because nothing waits on it anymore', () => {
  it('says on the card why it expired and that nothing ran', () => {
    expect(deciderLabel('system:restart')).toBe('Steward restarted before you answered; nothing ran, ask again');
    expect(deciderLabel('system:abandoned')).toBe('what asked for it stopped waiting; nothing ran, ask again');
    expect(deciderLabel('system:task-ended')).toBe('the task ended before this was decided; nothing ran, ask again');
    // Other system decisions keep their words.
    expect(deciderLabel('system:timeout')).toBe('no answer in time');
  });
});
