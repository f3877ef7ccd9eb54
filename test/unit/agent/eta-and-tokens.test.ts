import { describe, expect, it } from 'vitest';
import { estimateRemainingSeconds } from '../../../src-main/core/agent/tasks/eta.js';
import { estimateTokens, excerpt } from '../../../src-main/core/agent/prompt/token-estimate.js';

describe('ETA from estimates and observed durations', () => {
  it('uses the plan’s estimates before any step finished', () => {
    expect(estimateRemainingSeconds([{ estimateSeconds: 30, durationSeconds: null, done: false }, { estimateSeconds: 10, durationSeconds: null, done: false }])).toBe(40);
  });

  it('scales the rest by how the finished steps compared with their estimates', () => {
    const steps = [
      { estimateSeconds: 10, durationSeconds: 20, done: true },
      { estimateSeconds: 30, durationSeconds: null, done: false },
    ];
    expect(estimateRemainingSeconds(steps)).toBe(60);
  });

  it('is zero when everything is done and null when there is nothing to go on', () => {
    expect(estimateRemainingSeconds([{ estimateSeconds: 5, durationSeconds: 4, done: true }])).toBe(0);
    expect(estimateRemainingSeconds([{ estimateSeconds: 0, durationSeconds: null, done: false }])).toBeNull();
  });
});

describe('token estimate', () => {
  it('over-counts rather than under-counts, including for non-Latin text', () => {
    expect(estimateTokens('hello world, how are you?')).toBeGreaterThanOrEqual(6);
    expect(estimateTokens('東京都の天気')).toBe(6);
  });

  it('shortens long text to about the budget and says how much was left out', () => {
    const text = 'a'.repeat(30_000);
    const short = excerpt(text, 500);
    expect(estimateTokens(short)).toBeLessThanOrEqual(520);
    expect(short).toMatch(/\[… [\d,]+ characters left out …\]/);
    expect(excerpt('short', 500)).toBe('short');
  });
});
