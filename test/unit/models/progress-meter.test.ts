import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from '../../../src-main/core/llm/models/format.js';
import { ProgressMeter } from '../../../src-main/core/llm/models/progress-meter.js';

describe('ProgressMeter', () => {
  it('computes speed over its window and the time left', () => {
    const meter = new ProgressMeter(5000);
    meter.sample(0, 0);
    meter.sample(1000, 1_000_000);
    meter.sample(2000, 2_000_000);
    expect(meter.figures(2_000_000, 10_000_000)).toEqual({ bytesPerSecond: 1_000_000, etaSeconds: 8 });
  });

  it('forgets samples older than the window, so a past burst does not inflate the speed', () => {
    const meter = new ProgressMeter(5000);
    meter.sample(0, 0);
    meter.sample(1000, 50_000_000); // burst
    for (let t = 2000; t <= 20_000; t += 1000) meter.sample(t, 50_000_000 + (t - 1000) * 100);
    const { bytesPerSecond } = meter.figures(0, null);
    expect(bytesPerSecond).toBeCloseTo(100_000, -2);
  });

  it('has no figures before two samples, and no ETA without a total', () => {
    const meter = new ProgressMeter();
    expect(meter.figures(0, 100)).toEqual({ bytesPerSecond: null, etaSeconds: null });
    meter.sample(0, 0);
    meter.sample(1000, 500);
    expect(meter.figures(500, null)).toEqual({ bytesPerSecond: 500, etaSeconds: null });
  });
});

describe('format', () => {
  it('writes sizes and durations the way download tools do', () => {
    expect(formatBytes(6_100_000_000)).toBe('6.1 GB');
    expect(formatBytes(986_000_000)).toBe('986 MB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatDuration(75)).toBe('1m15s');
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(null)).toBe('--');
  });
});
