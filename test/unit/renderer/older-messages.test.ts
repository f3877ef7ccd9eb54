import { describe, expect, it } from 'vitest';
import type { StewardApi } from '../../../src-preload/contract.js';
import { ConversationRepo } from '../../../src-main/core/store/conversation-repo.js';
import { createMessagesStore, THREAD_PAGE_SIZE } from '../../../src-renderer/state/messages-store.js';
import { createTestCore } from '../../helpers/test-core.js';

/** The renderer's store against a real core: the same calls the UI makes over IPC or HTTP. */
const apiOf = (core: Awaited<ReturnType<typeof createTestCore>>['core']): StewardApi => ({
  call: ((method: string, input: unknown) => core.call(method as never, input, { actor: 'ui' })) as StewardApi['call'],
  onEvent: () => () => {},
  onConnectionChange: () => () => {},
});

describe('loading older messages on scroll', () => {
  it('starts with the newest page, then loads every older message, none skipped when many share a millisecond', async () => {
    const t = await createTestCore();
    try {
      const repo = new ConversationRepo(t.core.db.raw, () => new Date('2026-02-01T12:00:00.000Z'));
      const conversation = repo.create('long history');
      const written = Array.from({ length: THREAD_PAGE_SIZE * 2 + 37 }, (_, i) =>
        repo.addMessage({ conversationId: conversation.id, role: i % 2 ? 'assistant' : 'user', agent: null, text: `message ${i}`, status: 'complete' }).id,
      );
      const store = createMessagesStore(apiOf(t.core));
      await store.getState().load(conversation.id);
      const thread = () => store.getState().threads[conversation.id]!;
      expect(thread().messages).toHaveLength(THREAD_PAGE_SIZE);
      expect(thread().hasOlder).toBe(true);

      await store.getState().loadOlder(conversation.id);
      expect(thread().messages).toHaveLength(THREAD_PAGE_SIZE * 2);
      await store.getState().loadOlder(conversation.id);
      expect(thread().hasOlder).toBe(false);
      expect(thread().messages.map((m) => m.id)).toEqual(written);
      // Nothing more to fetch: a further scroll to the top asks the server nothing.
      await store.getState().loadOlder(conversation.id);
      expect(thread().messages).toHaveLength(written.length);
    } finally {
      await t.dispose();
    }
  });

  it('a short conversation has nothing older to load', async () => {
    const t = await createTestCore();
    try {
      const sent = await t.core.request('chat.send', { text: 'hello' });
      const store = createMessagesStore(apiOf(t.core));
      await store.getState().load(sent.conversationId);
      expect(store.getState().threads[sent.conversationId]?.hasOlder).toBe(false);
    } finally {
      await t.dispose();
    }
  });
});
