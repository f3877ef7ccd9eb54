import { describe, expect, it } from 'vitest';
import type { LlmStatus, MemoryWorkflow, Message, StewardApi } from '../../../src-preload/contract.js';
import { ApiError } from '../../../src-renderer/api/api-error.js';
import { modelSetup } from '../../../src-renderer/state/llm-status-store.js';
import { QUICK_ACTIONS, suggestedAutomations } from '../../../src-renderer/features/quick-actions/quick-actions.js';
import { createComposerStore } from '../../../src-renderer/state/composer-store.js';
import { createConversationsStore } from '../../../src-renderer/state/conversations-store.js';
import { createMessagesStore } from '../../../src-renderer/state/messages-store.js';

function workflow(id: string, name: string, runCount: number, lastRunAt: string | null = null): MemoryWorkflow {
  return { id, name, kind: 'email', summary: `${name} summary`, params: {}, createdAt: '2026-01-01T00:00:00.000Z', runCount, lastRunAt };
}

describe('quick actions', () => {
  it('offers the four common tasks; the email and document ones wait for details, status and logs ask at once', () => {
    expect(QUICK_ACTIONS.map((a) => [a.label, a.mode])).toEqual([
      ['Send email', 'prefill'],
      ['Create document', 'prefill'],
      ['Check status', 'send'],
      ['View logs', 'send'],
    ]);
  });

  it('suggests the most used learned workflows first, at most three', () => {
    const list = suggestedAutomations([workflow('w1', 'Invoice chaser', 2), workflow('w2', 'Weekly report', 9), workflow('w3', 'Onboarding', 0), workflow('w4', 'Payroll', 5)]);
    expect(list.map((s) => s.label)).toEqual(['Weekly report', 'Payroll', 'Invoice chaser']);
    expect(list[0]).toMatchObject({ detail: 'Weekly report summary · used 9 times', text: 'Run my “Weekly report” workflow again: Weekly report summary' });
    expect(suggestedAutomations([])).toEqual([]);
  });
});

/** chat.send answers from `reply` (or throws it); the list calls answer empty. */
function fakeApi(reply: () => { conversationId: string; message: Message } | ApiError): StewardApi & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    call: (async (method: string, input: { text?: string }) => {
      if (method === 'chat.send') {
        sent.push(input.text ?? '');
        const answer = reply();
        if (answer instanceof ApiError) throw answer;
        return answer;
      }
      return [];
    }) as unknown as StewardApi['call'],
    onEvent: () => () => {},
    onConnectionChange: () => () => {},
  };
}

function storesOver(api: StewardApi) {
  const conversations = createConversationsStore(api);
  const messages = createMessagesStore(api);
  return { composer: createComposerStore({ api, conversations, messages }), messages };
}

const stored = (text: string): { conversationId: string; message: Message } => ({
  conversationId: 'c1',
  message: { id: 'm1', conversationId: 'c1', role: 'user', agent: null, text, status: 'complete', createdAt: '2026-01-01T10:00:00.000Z' },
});

describe('composer with quick actions', () => {
  it('prefill puts the words in the box and asks for focus', () => {
    const { composer } = storesOver(fakeApi(() => stored('x')));
    composer.getState().prefill('c1', 'Send an email to ');
    expect(composer.getState().drafts.c1).toBe('Send an email to ');
    expect(composer.getState().focusRequest).toBe(1);
  });

  it('a one-click send leaves the draft being typed untouched', async () => {
    const api = fakeApi(() => stored('What is the status of my tasks?'));
    const { composer } = storesOver(api);
    composer.getState().setDraft('c1', 'half-written thought');
    const outcome = await composer.getState().sendText('c1', 'What is the status of my tasks?');
    expect(outcome).toEqual({ ok: true, conversationId: 'c1' });
    expect(api.sent).toEqual(['What is the status of my tasks?']);
    expect(composer.getState().drafts.c1).toBe('half-written thought');
  });

  it('a failed send keeps the text in the box with the reason, and sending again (Retry) delivers it', async () => {
    let fail = true;
    const api = fakeApi(() => (fail ? new ApiError('network', 'Steward is not reachable right now.') : stored('Order more paper')));
    const { composer, messages } = storesOver(api);
    composer.getState().setDraft('c1', 'Order more paper');
    const first = await composer.getState().send('c1');
    expect(first.ok).toBe(false);
    expect(composer.getState().drafts.c1).toBe('Order more paper');
    expect(composer.getState().errors.c1).toEqual({ code: 'network', message: 'Steward is not reachable right now.' });
    expect(messages.getState().pending).toEqual([]);

    fail = false;
    const retry = await composer.getState().send('c1');
    expect(retry.ok).toBe(true);
    expect(composer.getState().drafts.c1).toBe('');
    expect(composer.getState().errors.c1).toBeUndefined();
    expect(api.sent).toEqual(['Order more paper', 'Order more paper']);
  });
});

describe('model setup hint', () => {
  const status = (local: boolean, cloud: boolean): LlmStatus => ({
    local: { configured: local, model: null, detail: '', fitWarning: null, backend: null, backendNote: null, build: null, context: null },
    cloud: { enabled: cloud, baseUrl: '', model: '' },
    localApi: { enabled: false, url: null, error: null },
  });
  it('says "no model" only when neither a local nor a cloud model can answer', () => {
    expect(modelSetup(status(false, false))).toBe('no-model');
    expect(modelSetup(status(true, false))).toBe('ready');
    expect(modelSetup(status(false, true))).toBe('ready');
    expect(modelSetup(null)).toBe('unknown');
  });
});
