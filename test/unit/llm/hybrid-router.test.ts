import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CallLog } from '../../../src-main/core/llm/call-log/call-log.js';
import type { LlmCallEntry } from '../../../src-main/core/llm/call-log/call-entry.js';
import { InvalidModelOutputError, ProviderAuthError, ProviderFailedError } from '../../../src-main/core/llm/llm-errors.js';
import type { CallerRole } from '../../../src-main/core/llm/provider.js';
import { HybridRouter, type RouterSettings } from '../../../src-main/core/llm/router/hybrid-router.js';
import { AllProvidersFailedError, NoModelConfiguredError } from '../../../src-main/core/llm/router/router-errors.js';
import { ScriptedProvider, type Script } from '../../../src-main/core/llm/scripted-provider.js';
import { applyMigrations } from '../../../src-main/core/store/migration.js';
import { migration0002 } from '../../../src-main/core/store/migrations/0002-llm-calls.js';
import { Sqlite } from '../../../src-main/core/store/sqlite.js';

const user = (content: string) => [{ role: 'user' as const, content }];

function settings(overrides: { cloud?: Partial<RouterSettings['cloud']>; routing?: Partial<RouterSettings['routing']> } = {}): RouterSettings {
  return {
    cloud: { enabled: true, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', timeoutSeconds: 60, providerId: null, ...overrides.cloud },
    routing: {
      cloudComplexityThreshold: 0.6,
      // Fractions of a second keep the timeout tests fast; the router only multiplies by 1000.
      fallbackTimeoutSeconds: 0.1,
      allowFallbackToCloud: true,
      allowFallbackToLocal: true,
      ...overrides.routing,
    },
  };
}

function setup(options: { local?: Script | null; cloud?: Script | null; settings?: RouterSettings } = {}) {
  const local = options.local === null ? null : new ScriptedProvider({ model: 'local-3b', fallback: { type: 'text', text: 'local answer' }, ...options.local }, { id: 'local' });
  const cloud =
    options.cloud === null
      ? null
      : new ScriptedProvider(
          { model: 'gpt-4o-mini', fallback: { type: 'text', text: 'cloud answer' }, cost: { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 }, ...options.cloud },
          { id: 'cloud' },
        );
  const calls: LlmCallEntry[] = [];
  const current = options.settings ?? settings();
  const router = new HybridRouter({ local, cloud, settings: () => current, recorder: { record: (e) => calls.push(e) } });
  return { router, local, cloud, calls };
}

describe('HybridRouter', () => {
  it('keeps employee, supervisor, question, intent, memory and conversation calls local, even when hard', async () => {
    const { router, cloud, calls } = setup();
    const roles: CallerRole[] = ['employee', 'supervisor', 'question', 'intent', 'memory', 'conversation'];
    for (const role of roles) {
      const result = await router.chat({ messages: user('do it'), role, complexity: 1 });
      expect(result.provider, role).toBe('local');
    }
    expect(cloud?.requests).toHaveLength(0);
    expect(calls.map((c) => c.location)).toEqual(roles.map(() => 'local'));
  });

  it('sends hard Manager planning to the cloud when it is enabled, easy planning stays local', async () => {
    const { router } = setup();
    expect((await router.chat({ messages: user('plan the launch'), role: 'manager', complexity: 0.9 })).text).toBe('cloud answer');
    expect((await router.chat({ messages: user('plan lunch'), role: 'manager', complexity: 0.2 })).text).toBe('local answer');
    const disabled = setup({ settings: settings({ cloud: { enabled: false } }) });
    expect((await disabled.router.chat({ messages: user('plan'), role: 'manager', complexity: 0.9 })).provider).toBe('local');
  });

  it('routes on the complexity estimate and its threshold: long Manager input goes to the cloud', async () => {
    const long = user('x'.repeat(30_000));
    expect((await setup().router.chat({ messages: long, role: 'manager' })).provider).toBe('cloud');
    expect((await setup().router.chat({ messages: user('short'), role: 'manager' })).provider).toBe('local');
    const strict = setup({ settings: settings({ routing: { cloudComplexityThreshold: 0.95 } }) });
    expect((await strict.router.chat({ messages: long, role: 'manager' })).provider).toBe('local');
  });

  it("raises a task's complexity after earlier failures, moving its planning to the cloud", async () => {
    const { router, calls } = setup({
      local: { steps: [{ type: 'error', error: 'failed' }, { type: 'error', error: 'failed' }] },
      settings: settings({ routing: { allowFallbackToCloud: false } }),
    });
    const task = router.forTask('task-1');
    await expect(task.chat({ messages: user('plan'), role: 'manager' })).rejects.toBeInstanceOf(ProviderFailedError);
    await expect(task.chat({ messages: user('plan'), role: 'manager' })).rejects.toBeInstanceOf(ProviderFailedError);
    expect(router.failuresFor('task-1')).toBe(2);
    expect((await task.chat({ messages: user('plan'), role: 'manager' })).provider).toBe('cloud');
    // Another task starts fresh.
    expect((await router.forTask('task-2').chat({ messages: user('plan'), role: 'manager' })).provider).toBe('local');
    expect(calls.map((c) => [c.taskId, c.location, c.outcome])).toEqual([
      ['task-1', 'local', 'error'],
      ['task-1', 'local', 'error'],
      ['task-1', 'cloud', 'ok'],
      ['task-2', 'local', 'ok'],
    ]);
  });

  it('falls back to the cloud when the local model does not answer in time', async () => {
    const { router, calls } = setup({ local: { steps: [{ type: 'hang' }] } });
    const result = await router.chat({ messages: user('hello'), role: 'employee' });
    expect(result).toMatchObject({ provider: 'cloud', text: 'cloud answer' });
    expect(calls.map((c) => [c.location, c.outcome, c.errorCode])).toEqual([
      ['local', 'fallback', 'timeout'],
      ['cloud', 'ok', null],
    ]);
  });

  it('falls back on an error from the local model', async () => {
    const { router, calls } = setup({ local: { steps: [{ type: 'error', error: 'model_missing' }] } });
    expect((await router.chat({ messages: user('hi'), role: 'question' })).provider).toBe('cloud');
    expect(calls[0]).toMatchObject({ location: 'local', outcome: 'fallback', errorCode: 'model_missing' });
  });

  it('falls back when the JSON is still invalid after the one repair', async () => {
    const Plan = z.object({ steps: z.array(z.string()).min(1) });
    const { router, local, calls } = setup({
      local: { fallback: { type: 'json', value: { steps: [] } } },
      cloud: { fallback: { type: 'json', value: { steps: ['book venue'] } } },
    });
    const result = await router.chatJson({ messages: user('plan'), role: 'employee', schema: Plan, schemaName: 'Plan' });
    expect(result).toMatchObject({ value: { steps: ['book venue'] }, provider: 'cloud', repaired: false });
    expect(local?.requests.map((r) => r.attempt)).toEqual([0, 1]);
    expect(calls.map((c) => [c.location, c.kind, c.outcome, c.errorCode])).toEqual([
      ['local', 'chat_json', 'fallback', 'provider_failed'],
      ['cloud', 'chat_json', 'ok', null],
    ]);
  });

  it('uses the local model when the cloud key is missing, if allowed', async () => {
    const cloud = { steps: [{ type: 'error' as const, error: 'auth_missing' as const }] };
    const allowed = setup({ cloud });
    const result = await allowed.router.chat({ messages: user('plan'), role: 'manager', complexity: 1 });
    expect(result.provider).toBe('local');
    expect(allowed.calls.map((c) => [c.location, c.outcome, c.errorCode])).toEqual([
      ['cloud', 'fallback', 'unauthorized'],
      ['local', 'ok', null],
    ]);

    const forbidden = setup({ cloud, settings: settings({ routing: { allowFallbackToLocal: false } }) });
    await expect(forbidden.router.chat({ messages: user('plan'), role: 'manager', complexity: 1 })).rejects.toBeInstanceOf(ProviderAuthError);
    expect(forbidden.local?.requests).toHaveLength(0);
  });

  it('never sends to the cloud when fallback to the cloud is turned off', async () => {
    const { router, cloud } = setup({ local: { steps: [{ type: 'error', error: 'failed' }] }, settings: settings({ routing: { allowFallbackToCloud: false } }) });
    await expect(router.chat({ messages: user('hi'), role: 'employee' })).rejects.toBeInstanceOf(ProviderFailedError);
    expect(cloud?.requests).toHaveLength(0);
  });

  it('reports both reasons when both providers fail', async () => {
    const { router } = setup({ local: { steps: [{ type: 'error', error: 'model_missing' }] }, cloud: { steps: [{ type: 'error', error: 'auth_missing' }] } });
    const error = await router.chat({ messages: user('hi'), role: 'employee' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllProvidersFailedError);
    expect((error as AllProvidersFailedError).userMessage).toMatch(/Local model: .*npm run models.*Cloud model: No API key/);
  });

  it('works with only one provider and says how to set one up when there is none', async () => {
    const cloudOnly = setup({ local: null });
    expect((await cloudOnly.router.chat({ messages: user('hi'), role: 'employee' })).provider).toBe('cloud');

    const localOnly = setup({ cloud: null });
    expect((await localOnly.router.chat({ messages: user('plan'), role: 'manager', complexity: 1 })).provider).toBe('local');

    const none = setup({ local: null, cloud: null });
    const error = await none.router.chat({ messages: user('hi') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoModelConfiguredError);
    expect((error as NoModelConfiguredError).userMessage).toMatch(/npm run models -- pull.*Integrations › Cloud model/);

    const disabledCloud = setup({ local: null, settings: settings({ cloud: { enabled: false } }) });
    await expect(disabledCloud.router.chat({ messages: user('hi') })).rejects.toBeInstanceOf(NoModelConfiguredError);
  });

  it('does not time out a stream that has started showing text, but moves one that never started', async () => {
    const { router } = setup({
      // First piece after 60 ms (inside the 100 ms fallback timeout), the whole answer after 240 ms (beyond it).
      local: { rules: [{ match: { lastUser: '^a$' }, response: { type: 'text', text: 'slow but steady', tokens: ['slow', ' but', ' steady', '.'], tokenDelayMs: 60 } }, { match: {}, response: { type: 'hang' } }] },
    });
    const shown: string[] = [];
    const first = await router.chat({ messages: user('a'), role: 'employee', onToken: (t) => shown.push(t) });
    expect(first.provider).toBe('local');
    expect(shown.join('')).toBe('slow but steady.');

    const pieces: string[] = [];
    const moved = await router.chat({ messages: user('b'), role: 'employee', onToken: (t) => pieces.push(t) });
    expect(moved.provider).toBe('cloud');
    expect(pieces.join('')).toBe('cloud answer');
  });

  it('reports an error after streamed text instead of repeating the answer on the other model', async () => {
    let count = 0;
    const { router, cloud } = setup({
      local: {
        rules: [
          {
            match: {},
            response: () => {
              count += 1;
              return { type: 'text', text: 'one two three', tokenDelayMs: 1 };
            },
          },
        ],
      },
    });
    const error = await router
      .chat({
        messages: user('go'),
        role: 'employee',
        onToken: (t) => {
          if (t === ' two') throw new ProviderFailedError('local', 'display broke');
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderFailedError);
    expect(count).toBe(1);
    expect(cloud?.requests).toHaveLength(0);
  });

  it('records a caller abort as cancelled and does not fall back', async () => {
    const { router, cloud, calls } = setup({ local: { steps: [{ type: 'hang' }] }, settings: settings({ routing: { fallbackTimeoutSeconds: 30 } }) });
    const result = await router.chat({ messages: user('wait'), role: 'employee', signal: AbortSignal.timeout(30) });
    expect(result.finishReason).toBe('aborted');
    expect(cloud?.requests).toHaveLength(0);
    expect(calls.map((c) => c.outcome)).toEqual(['cancelled']);
  });

  it('embeds with the local model only and never mixes vector spaces', async () => {
    const { router, cloud, calls } = setup({ local: { embeddingDimensions: 4 } });
    expect((await router.embed(['a', 'b']))[0]).toHaveLength(4);
    expect(cloud?.requests).toHaveLength(0);
    expect(calls[0]).toMatchObject({ kind: 'embed', location: 'local', outcome: 'ok', role: 'memory' });
  });

  it('records every call with provider, model, role, tokens, latency, cost and outcome in the real call log', async () => {
    const db = new Sqlite(':memory:');
    applyMigrations(db, [migration0002], () => new Date());
    const log = new CallLog(db);
    const local = new ScriptedProvider({ model: 'local-3b', fallback: { type: 'text', text: 'hi there' } }, { id: 'local' });
    const cloud = new ScriptedProvider(
      { model: 'gpt-4o-mini', fallback: { type: 'text', text: 'planned', usage: { promptTokens: 1000, completionTokens: 200 } }, cost: { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 } },
      { id: 'cloud' },
    );
    const router = new HybridRouter({ local, cloud, settings: () => settings(), recorder: log });
    await router.chat({ messages: user('hello'), role: 'conversation' });
    await router.forTask('t9').chat({ messages: user('plan'), role: 'manager', complexity: 0.8 });
    const [planned, chatted] = log.recent();
    expect(chatted).toMatchObject({ provider: 'local', location: 'local', model: 'local-3b', role: 'conversation', kind: 'chat', outcome: 'ok', costUsd: 0, completionTokens: 2 });
    expect(planned).toMatchObject({ provider: 'cloud', location: 'cloud', model: 'gpt-4o-mini', role: 'manager', taskId: 't9', promptTokens: 1000, completionTokens: 200, complexity: 0.8 });
    expect(planned?.costUsd).toBeCloseTo((1000 * 0.15 + 200 * 0.6) / 1e6, 12);
    expect(planned?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(log.stats().share.local.calls).toBe(1);
    db.close();
  });

  it('keeps answering when the call log cannot be written, and reports the write failure', async () => {
    const errors: unknown[] = [];
    const router = new HybridRouter({
      local: new ScriptedProvider({ fallback: { type: 'text', text: 'still here' } }, { id: 'local' }),
      cloud: null,
      settings: () => settings(),
      recorder: {
        record: () => {
          throw new Error('disk full');
        },
      },
      onRecordError: (e) => errors.push(e),
    });
    expect((await router.chat({ messages: user('hi') })).text).toBe('still here');
    expect(errors).toHaveLength(1);
  });

  it('describes both providers and prices budgets at the cloud rate', async () => {
    const { router } = setup();
    const info = await router.info();
    expect(info).toMatchObject({ kind: 'router', model: 'local-3b' });
    expect(info.backendReason).toMatch(/local: local-3b.*cloud: gpt-4o-mini/);
    expect(router.estimateCost({ promptTokens: 1e6, completionTokens: 0 })).toBeCloseTo(0.15);
    expect(setup({ settings: settings({ cloud: { enabled: false } }) }).router.estimateCost({ promptTokens: 1e6, completionTokens: 0 })).toBe(0);
  });

  it('does not fall back for the invalid-output error of the last provider, it reports it', async () => {
    const Plan = z.object({ steps: z.array(z.string()).min(1) });
    const { router } = setup({ local: { fallback: { type: 'text', text: 'nope' } }, cloud: null });
    await expect(router.chatJson({ messages: user('plan'), schema: Plan, schemaName: 'Plan' })).rejects.toBeInstanceOf(InvalidModelOutputError);
  });
});
