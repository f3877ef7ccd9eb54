import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StewardEvent } from '../../../src-preload/contract.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

describe('requests through the contract', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore();
  });
  afterEach(() => t.dispose());

  it('rejects a request that fails its schema with the field error, changing and auditing nothing', async () => {
    await expect(t.core.call('conversations.rename', { id: 'x', title: '' }, { actor: 'test' })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'title', message: 'must not be empty' }],
    });
    await expect(t.core.call('chat.send', { text: 'hi', extra: true }, { actor: 'test' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(t.core.call('chat.send', { text: 'x'.repeat(100_001) }, { actor: 'test' })).rejects.toMatchObject({
      userMessage: expect.stringContaining('too long'),
    });
    expect(await t.core.request('conversations.list', {})).toEqual([]);
    expect(t.core.audit.verify().checked).toBe(0);
  });

  it('tells listeners about a message only once it is committed', async () => {
    const seenInDb: boolean[] = [];
    t.core.events.subscribe((event: StewardEvent) => {
      if (event.type === 'message.created') seenInDb.push(t.core.db.raw.prepare('SELECT 1 FROM messages WHERE id = ?').get(event.message.id) !== undefined);
    });
    await t.core.request('chat.send', { text: 'first' });
    await t.core.conversations.idle();
    expect(seenInDb).toEqual([true, true]);
  });

  it('answers with an honest "no assistant configured" notice until the agent is installed', async () => {
    const sent = await t.core.request('chat.send', { text: 'Book a table for four' });
    const replies = await t.core.conversations.replyTo(sent.message.id);
    expect(replies).toHaveLength(1);
    expect(replies?.[0]).toMatchObject({ role: 'system', text: expect.stringContaining('No assistant is configured yet') });
    const [conversation] = await t.core.request('conversations.list', {});
    expect(conversation).toMatchObject({ title: 'Book a table for four', messageCount: 2 });
  });

  it('renames, searches and deletes conversations (messages go with them)', async () => {
    const a = await t.core.request('chat.send', { text: 'Invoice for ACME' });
    await t.core.request('chat.send', { text: 'Team offsite plans' });
    await t.core.conversations.idle();
    await t.core.request('conversations.rename', { id: a.conversationId, title: 'Billing' });
    expect((await t.core.request('conversations.list', { query: 'acme' })).map((c) => c.title)).toEqual(['Billing']);
    expect(await t.core.request('conversations.delete', { id: a.conversationId })).toEqual({ deleted: true });
    await expect(t.core.request('messages.list', { conversationId: a.conversationId })).rejects.toMatchObject({ code: 'not_found' });
    expect(t.core.db.raw.prepare('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?').get(a.conversationId)).toEqual({ n: 0 });
  });

  it('streams a handler reply as deltas and stores the final text', async () => {
    t.core.conversations.setHandler({
      describe: () => ({ configured: true, description: 'test' }),
      respond: async (_turn, reply) => {
        reply.status('employee', 'Writing…');
        const stream = reply.stream({ agent: 'employee' });
        for (const piece of ['Hel', 'lo ', 'there']) stream.push(piece);
        stream.complete();
      },
    });
    const events: StewardEvent[] = [];
    t.core.events.subscribe((e) => events.push(e));
    const sent = await t.core.request('chat.send', { text: 'hi' });
    const [reply] = (await t.core.conversations.replyTo(sent.message.id)) ?? [];
    expect(reply).toMatchObject({ text: 'Hello there', status: 'complete', agent: 'employee' });
    expect(events.filter((e) => e.type === 'message.delta').map((e) => (e as { delta: string }).delta).join('')).toBe('Hello there');
    expect(events.some((e) => e.type === 'agent.status' && e.role === 'employee')).toBe(true);
  });

  it('turns a handler crash into a visible notice instead of a silent gap', async () => {
    t.core.conversations.setHandler({
      describe: () => ({ configured: true, description: 'test' }),
      respond: async () => {
        throw new Error('model exploded');
      },
    });
    const sent = await t.core.request('chat.send', { text: 'hi' });
    const [reply] = (await t.core.conversations.replyTo(sent.message.id)) ?? [];
    expect(reply?.role).toBe('system');
    expect(reply?.text).toMatch(/couldn’t finish/);
    expect(reply?.text).not.toContain('exploded');
  });
});
