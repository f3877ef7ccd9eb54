/**
 * The Models screen's Engine card says where the local model runs and what happened to it: its
 * own process with memory, a crash with the reason and the stderr tail, a model marked failed.
 */
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LlmStatus } from '../../../../src-preload/schemas/llm.js';

// .tsx is outside the node tsconfig; vitest compiles it (see markdown-html.test.ts).
const MODULE = '../../../../src-renderer/features/models/model-runtime.js';
type Runtime = LlmStatus['local']['runtime'];
const { ModelRuntime } = (await import(MODULE)) as { ModelRuntime: ComponentType<{ runtime: Runtime }> };

const render = (runtime: Runtime) => renderToStaticMarkup(createElement(ModelRuntime, { runtime }));
const base: NonNullable<Runtime> = { engine: 'node-llama-cpp', inference: 'worker', state: 'ready', pid: 4242, restarts: 0, lastCrash: null, failedReason: null, memoryBytes: 812_000_000 };

describe('ModelRuntime', () => {
  it('shows the engine, its own process with pid and memory, and that it runs', () => {
    const html = render(base);
    expect(html).toContain('node-llama-cpp');
    expect(html).toContain('its own process (pid 4242)');
    expect(html).toContain('812 MB memory');
    expect(html).toContain('running');
    expect(html).not.toContain('Last crash');
  });

  it('after a crash: restarting, how many restarts, the reason and the stderr tail', () => {
    const html = render({ ...base, state: 'restarting', restarts: 2, lastCrash: { at: '2026-12-06T09:00:00.000Z', reason: 'llama.cpp aborted (SIGABRT)', stderrTail: 'GGML_ASSERT(n_tokens <= n_batch) failed' } });
    expect(html).toContain('restarting after a crash…');
    expect(html).toContain('restarted 2×');
    expect(html).toContain('llama.cpp aborted (SIGABRT)');
    expect(html).toContain('GGML_ASSERT(n_tokens &lt;= n_batch) failed');
  });

  it('a failed model shows why, as an alert', () => {
    const html = render({ ...base, state: 'failed', pid: null, failedReason: 'The local model tiny is marked as failed and was not restarted: the file is truncated.' });
    expect(html).toContain('role="alert"');
    expect(html).toContain('marked as failed and was not restarted: the file is truncated.');
  });

  it('in-process and no-model cases', () => {
    expect(render({ ...base, inference: 'in-process', pid: 1 })).toContain('the main process');
    expect(render(null)).toBe('');
  });
});
