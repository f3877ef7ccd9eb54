import { describe, expect, it } from 'vitest';
import type { StewardApi } from '../../../src-preload/contract.js';
import { ConversationRepo } from '../../../src-main/core/store/conversation-repo.js';
import { CONVERSATION_PAGE_SIZE, createConversationsStore } from '../../../src-renderer/state/conversations-store.js';
import { createTestCore } from '../../helpers/test-core.js';

const apiOf = (core: Awaited<ReturnType<typeof createTestCore>>['core']): StewardApi => ({
  call: ((method: string, input: unknown) => core.call(method as never, input, { actor: 'ui' })) as StewardApi['call'],
  onEvent: () => () => {},
  onConnectionChange: () => () => {},
});

describe('sidebar conversation list, a page at a time', () => {
  it('lists the newest page, shows older ones on request, keeps them across a reload, and keeps an older open conversation', async () => {
    const t = await createTestCore();
    try {
      let tick = 0;
      const repo = new ConversationRepo(t.core.db.raw, () => new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(tick++ / 3))));
      const created = Array.from({ length: CONVERSATION_PAGE_SIZE + 30 }, (_, i) => repo.create(`chat ${i}`).id);
      const store = createConversationsStore(apiOf(t.core));
      store.getState().select(created[0]!); // the oldest one was open last time
      await store.getState().load();
      expect(store.getState().conversations).toHaveLength(CONVERSATION_PAGE_SIZE);
      expect(store.getState().hasMore).toBe(true);
      expect(store.getState().activeId).toBe(created[0]); // not mistaken for deleted

      await store.getState().loadMore();
      expect(store.getState().conversations.map((c) => c.id)).toEqual([...created].reverse());
      expect(store.getState().hasMore).toBe(false);

      await store.getState().load(); // a reconnect reloads the newest page
      expect(store.getState().conversations).toHaveLength(created.length);
    } finally {
      await t.dispose();
    }
  });
});
