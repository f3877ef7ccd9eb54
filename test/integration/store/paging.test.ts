import { afterEach, describe, expect, it } from 'vitest';
import { ConversationRepo } from '../../../src-main/core/store/conversation-repo.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

const SAME_MILLISECOND = () => new Date('2026-02-01T12:00:00.000Z');

describe('paging conversations and messages by a unique cursor', () => {
  let t: TestCore;
  afterEach(() => t.dispose());

  it('pages through every message even when many share one millisecond', async () => {
    t = await createTestCore();
    const repo = new ConversationRepo(t.core.db.raw, SAME_MILLISECOND);
    const conversation = repo.create('busy');
    const written = Array.from({ length: 250 }, (_, i) => repo.addMessage({ conversationId: conversation.id, role: 'user', agent: null, text: `message ${i}`, status: 'complete' }).id);

    const seen: string[] = [];
    let page = await t.core.request('messages.list', { conversationId: conversation.id, limit: 60 });
    while (page.length > 0) {
      seen.unshift(...page.map((m) => m.id));
      page = await t.core.request('messages.list', { conversationId: conversation.id, limit: 60, beforeId: page[0]!.id });
    }
    expect(seen).toEqual(written); // all 250, oldest first, none skipped or repeated
  });

  it('refuses a cursor that is not a message of that conversation', async () => {
    t = await createTestCore();
    const a = await t.core.request('chat.send', { text: 'in a' });
    const b = await t.core.request('conversations.create', { title: 'b' });
    await expect(t.core.request('messages.list', { conversationId: b.id, beforeId: a.message.id })).rejects.toMatchObject({ code: 'not_found', userMessage: expect.stringContaining(a.message.id) });
  });

  it('lists conversations a page at a time (200 by default), newest first, without skipping ties', async () => {
    t = await createTestCore();
    const repo = new ConversationRepo(t.core.db.raw, SAME_MILLISECOND);
    const created = Array.from({ length: 230 }, (_, i) => repo.create(`c${i}`).id);
    const first = await t.core.request('conversations.list', {});
    expect(first).toHaveLength(200);
    const all = [...first];
    let page = first;
    while (page.length > 0) {
      page = await t.core.request('conversations.list', { limit: 75, before: page.at(-1)!.id });
      all.push(...page);
    }
    expect(all.map((c) => c.id)).toEqual([...created].reverse());
    await expect(t.core.request('conversations.list', { limit: 5000 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
