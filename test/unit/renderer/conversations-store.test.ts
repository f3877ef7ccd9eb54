import { describe, expect, it } from 'vitest';
import type { Conversation, StewardApi } from '../../../src-preload/contract.js';
import { createConversationsStore, visibleConversations } from '../../../src-renderer/state/conversations-store.js';

function conversation(id: string, title: string, updatedAt: string): Conversation {
  return { id, title, createdAt: updatedAt, updatedAt, messageCount: 1, lastMessagePreview: null };
}

/** conversations.list answers only when the test resolves it, like a slow server. */
function slowListApi() {
  const waiting: ((list: Conversation[]) => void)[] = [];
  const api: StewardApi = {
    call: (() => new Promise<Conversation[]>((resolve) => waiting.push(resolve))) as unknown as StewardApi['call'],
    onEvent: () => () => {},
    onConnectionChange: () => () => {},
  };
  return { api, answer: (list: Conversation[]) => waiting.shift()?.(list) };
}

describe('conversations store', () => {
  it('keeps changes heard while an older list was on its way', async () => {
    const { api, answer } = slowListApi();
    const store = createConversationsStore(api);
    const loading = store.getState().load();

    // Events arrive before the (older) snapshot does.
    store.getState().upsert(conversation('new', 'Created just now', '2026-01-02T00:00:00.000Z'));
    store.getState().forget('old-2');
    store.getState().upsert(conversation('old-1', 'Renamed just now', '2026-01-02T00:00:01.000Z'));
    answer([conversation('old-1', 'Old title', '2026-01-01T00:00:00.000Z'), conversation('old-2', 'Deleted just now', '2026-01-01T00:00:00.000Z')]);
    await loading;

    expect(store.getState().conversations.map((c) => c.title)).toEqual(['Renamed just now', 'Created just now']);
  });

  it('lists the most recently active first and moves a conversation up when it changes', () => {
    const { api } = slowListApi();
    const store = createConversationsStore(api);
    store.getState().upsert(conversation('a', 'A', '2026-01-01T00:00:00.000Z'));
    store.getState().upsert(conversation('b', 'B', '2026-01-02T00:00:00.000Z'));
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['b', 'a']);
    store.getState().upsert(conversation('a', 'A', '2026-01-03T00:00:00.000Z'));
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('shows search results while searching, drops answers to older queries, and everything after', async () => {
    const { api, answer } = slowListApi();
    const store = createConversationsStore(api);
    store.getState().upsert(conversation('a', 'Acme invoice', '2026-01-01T00:00:00.000Z'));
    store.getState().upsert(conversation('b', 'Lunch', '2026-01-02T00:00:00.000Z'));

    store.getState().setQuery('ac');
    const older = store.getState().search();
    store.getState().setQuery('acme');
    const newer = store.getState().search();
    answer([conversation('b', 'Lunch', '2026-01-02T00:00:00.000Z')]); // stale answer to "ac"
    answer([conversation('a', 'Acme invoice', '2026-01-01T00:00:00.000Z')]);
    await Promise.all([older, newer]);
    expect(visibleConversations(store.getState()).map((c) => c.title)).toEqual(['Acme invoice']);

    store.getState().setQuery('');
    expect(visibleConversations(store.getState()).map((c) => c.title)).toEqual(['Lunch', 'Acme invoice']);
  });
});
