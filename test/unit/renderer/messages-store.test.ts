import { describe, expect, it } from 'vitest';
import type { Message, StewardApi } from '../../../src-preload/contract.js';
import { createMessagesStore, mergeMessages, pendingFor } from '../../../src-renderer/state/messages-store.js';

const CONVERSATION = 'c1';

function message(overrides: Partial<Message> & Pick<Message, 'id'>): Message {
  return { conversationId: CONVERSATION, role: 'assistant', agent: null, text: '', status: 'complete', createdAt: '2026-01-01T10:00:00.000Z', ...overrides };
}

/** Answers messages.list with whatever the test puts in `snapshot`; nothing else is called. */
function listApi(snapshot: () => Message[]): StewardApi {
  return {
    call: (async (method: string) => {
      if (method !== 'messages.list') throw new Error(`unexpected call ${method}`);
      return snapshot();
    }) as StewardApi['call'],
    onEvent: () => () => {},
    onConnectionChange: () => () => {},
  };
}

async function loadedStore(initial: Message[] = []) {
  const store = createMessagesStore(listApi(() => initial));
  await store.getState().load(CONVERSATION);
  return store;
}

const thread = (store: Awaited<ReturnType<typeof loadedStore>>) => store.getState().threads[CONVERSATION]?.messages ?? [];

describe('messages store: streaming events', () => {
  it('grows a streaming reply with each message.delta and settles on message.completed', async () => {
    const store = await loadedStore();
    const streaming = message({ id: 'r1', agent: 'employee', status: 'streaming', createdAt: '2026-01-01T10:00:01.000Z' });
    store.getState().applyEvent({ type: 'message.created', message: streaming });
    store.getState().applyEvent({ type: 'message.delta', conversationId: CONVERSATION, messageId: 'r1', delta: 'Dear Dana, ' });
    store.getState().applyEvent({ type: 'message.delta', conversationId: CONVERSATION, messageId: 'r1', delta: 'welcome aboard!' });
    expect(thread(store)).toMatchObject([{ id: 'r1', text: 'Dear Dana, welcome aboard!', status: 'streaming', agent: 'employee' }]);

    store.getState().applyEvent({ type: 'message.completed', message: { ...streaming, text: 'Dear Dana, welcome aboard! — Steward', status: 'complete' } });
    expect(thread(store)).toMatchObject([{ id: 'r1', text: 'Dear Dana, welcome aboard! — Steward', status: 'complete' }]);
  });

  it('ignores deltas for finished or unknown messages and for conversations it does not show', async () => {
    const store = await loadedStore([message({ id: 'done', text: 'final' })]);
    store.getState().applyEvent({ type: 'message.delta', conversationId: CONVERSATION, messageId: 'done', delta: ' extra' });
    store.getState().applyEvent({ type: 'message.delta', conversationId: CONVERSATION, messageId: 'nope', delta: 'x' });
    store.getState().applyEvent({ type: 'message.created', message: message({ id: 'other', conversationId: 'c2', text: 'elsewhere' }) });
    expect(thread(store).map((m) => m.text)).toEqual(['final']);
    expect(store.getState().threads.c2).toBeUndefined();
  });

  it('does not duplicate a message delivered twice (event and load)', async () => {
    const m = message({ id: 'm1', role: 'user', text: 'hello' });
    const store = await loadedStore([m]);
    store.getState().applyEvent({ type: 'message.created', message: m });
    expect(thread(store)).toHaveLength(1);
  });

  it('shows the latest agent status until that agent’s reply completes', async () => {
    const store = await loadedStore();
    store.getState().applyEvent({ type: 'agent.status', conversationId: CONVERSATION, taskId: null, role: 'manager', text: 'Planning the steps…' });
    expect(store.getState().activity[CONVERSATION]).toEqual({ role: 'manager', text: 'Planning the steps…', taskId: null, iteration: null });
    store.getState().applyEvent({ type: 'message.completed', message: message({ id: 'r', agent: 'manager', text: 'Plan ready' }) });
    expect(store.getState().activity[CONVERSATION]).toBeUndefined();
  });

  it('drops everything about a deleted conversation', async () => {
    const store = await loadedStore([message({ id: 'm1' })]);
    store.getState().addPending(CONVERSATION, 'queued text');
    store.getState().applyEvent({ type: 'conversation.deleted', conversationId: CONVERSATION });
    expect(store.getState().threads[CONVERSATION]).toBeUndefined();
    expect(pendingFor(store.getState(), CONVERSATION)).toEqual([]);
  });
});

describe('messages store: pending (optimistic) messages', () => {
  it('replaces the placeholder when the server echoes the user’s message', async () => {
    const store = await loadedStore();
    store.getState().addPending(CONVERSATION, 'Book the venue');
    expect(pendingFor(store.getState(), CONVERSATION).map((p) => p.text)).toEqual(['Book the venue']);
    store.getState().applyEvent({ type: 'message.created', message: message({ id: 'u1', role: 'user', text: 'Book the venue' }) });
    expect(pendingFor(store.getState(), CONVERSATION)).toEqual([]);
    expect(thread(store).map((m) => m.text)).toEqual(['Book the venue']);
  });

  it('gives a brand-new conversation its thread as soon as the first message is confirmed', () => {
    const store = createMessagesStore(listApi(() => []));
    const pending = store.getState().addPending(null, 'First words');
    expect(pendingFor(store.getState(), null)).toHaveLength(1);
    store.getState().resolvePending(pending.localId, message({ id: 'u1', conversationId: 'new-c', role: 'user', text: 'First words' }));
    expect(pendingFor(store.getState(), null)).toEqual([]);
    expect(store.getState().threads['new-c']?.messages.map((m) => m.text)).toEqual(['First words']);
  });
});

describe('messages store: loading', () => {
  it('keeps what events delivered while a load was in flight, in time order', async () => {
    let resolveList!: (messages: Message[]) => void;
    const api: StewardApi = {
      call: (() => new Promise<Message[]>((resolve) => (resolveList = resolve))) as unknown as StewardApi['call'],
      onEvent: () => () => {},
      onConnectionChange: () => () => {},
    };
    const store = createMessagesStore(api);
    const loading = store.getState().load(CONVERSATION);
    expect(store.getState().threads[CONVERSATION]?.status).toBe('loading');
    store.getState().applyEvent({ type: 'message.created', message: message({ id: 'late', text: 'arrived during load', createdAt: '2026-01-01T10:00:05.000Z' }) });
    resolveList([message({ id: 'early', text: 'from the database', createdAt: '2026-01-01T10:00:00.000Z' })]);
    await loading;
    expect(store.getState().threads[CONVERSATION]?.status).toBe('ready');
    expect(thread(store).map((m) => m.id)).toEqual(['early', 'late']);
  });

  it('prefers the live copy of a streaming reply over the less complete saved copy', () => {
    const saved = message({ id: 'r', status: 'streaming', text: 'Dear' });
    const live = message({ id: 'r', status: 'streaming', text: 'Dear Dana, welcome' });
    expect(mergeMessages([live], [saved])[0]?.text).toBe('Dear Dana, welcome');
    const completed = message({ id: 'r', status: 'complete', text: 'Dear Dana, welcome aboard.' });
    expect(mergeMessages([live], [completed])[0]).toEqual(completed);
  });

  it('reports a failed load with the server’s message', async () => {
    const api: StewardApi = {
      call: (async () => {
        const { ApiError } = await import('../../../src-renderer/api/api-error.js');
        throw new ApiError('not_found', 'Conversation "c1" was not found. It may have been deleted; refresh and try again.');
      }) as StewardApi['call'],
      onEvent: () => () => {},
      onConnectionChange: () => () => {},
    };
    const store = createMessagesStore(api);
    await store.getState().load(CONVERSATION);
    expect(store.getState().threads[CONVERSATION]).toMatchObject({ status: 'error', error: expect.stringContaining('was not found') });
  });
});
