import { describe, expect, it } from 'vitest';
import { estimateComplexity, type ComplexityInput } from '../../../src-main/core/llm/router/complexity.js';
import { NoModelConfiguredError } from '../../../src-main/core/llm/router/router-errors.js';
import { routePlan, type RoutingSettings } from '../../../src-main/core/llm/router/routing-rules.js';

const input = (overrides: Partial<ComplexityInput>): ComplexityInput => ({
  role: 'employee',
  messages: [{ role: 'user', content: 'hello' }],
  toolCount: 0,
  structured: false,
  earlierFailures: 0,
  ...overrides,
});

const rules: RoutingSettings = { cloudEnabled: true, cloudComplexityThreshold: 0.6, allowFallbackToCloud: true, allowFallbackToLocal: true };

describe('estimateComplexity', () => {
  it('rates Manager planning above an Employee step, and longer input higher', () => {
    const employee = estimateComplexity(input({}));
    const manager = estimateComplexity(input({ role: 'manager' }));
    const longManager = estimateComplexity(input({ role: 'manager', messages: [{ role: 'user', content: 'x'.repeat(24_000) }] }));
    expect(manager).toBeGreaterThan(employee);
    expect(longManager).toBeGreaterThan(manager);
    expect(longManager).toBeGreaterThanOrEqual(0.6);
    expect(manager).toBeLessThan(0.6);
  });

  it('adds for tools, structured output and earlier failures, and stays within 0–1', () => {
    const plain = estimateComplexity(input({}));
    expect(estimateComplexity(input({ toolCount: 3 }))).toBeGreaterThan(plain);
    expect(estimateComplexity(input({ structured: true }))).toBeGreaterThan(plain);
    expect(estimateComplexity(input({ earlierFailures: 1 }))).toBeCloseTo(plain + 0.2);
    expect(estimateComplexity(input({ earlierFailures: 50 }))).toBeCloseTo(plain + 0.4);
    expect(estimateComplexity(input({ explicit: 0.95, earlierFailures: 3 }))).toBe(1);
  });

  it('takes an explicit complexity instead of the heuristic', () => {
    expect(estimateComplexity(input({ role: 'manager', explicit: 0.1 }))).toBeCloseTo(0.1);
    expect(estimateComplexity(input({ explicit: Number.NaN }))).toBe(0);
  });
});

describe('routePlan', () => {
  it('tries the preferred provider first, then the other when allowed', () => {
    expect(routePlan('manager', 0.9, rules, { local: true, cloud: true })).toEqual(['cloud', 'local']);
    expect(routePlan('employee', 0.9, rules, { local: true, cloud: true })).toEqual(['local', 'cloud']);
    expect(routePlan('employee', 0.9, { ...rules, allowFallbackToCloud: false }, { local: true, cloud: true })).toEqual(['local']);
    expect(routePlan('manager', 0.9, { ...rules, cloudEnabled: false }, { local: true, cloud: true })).toEqual(['local']);
  });

  it('treats a missing provider like a failed one', () => {
    expect(routePlan('employee', 0, rules, { local: false, cloud: true })).toEqual(['cloud']);
    expect(() => routePlan('employee', 0, { ...rules, allowFallbackToCloud: false }, { local: false, cloud: true })).toThrow(/falling back to it is turned off in your settings \(llm.routing.allowFallbackToCloud/);
    expect(() => routePlan('employee', 0, rules, { local: false, cloud: false })).toThrow(NoModelConfiguredError);
  });
});
