/**
 * The chat stores over a real core (encrypted SQLite, real validation and events) through an
 * in-process transport: what a user sees after sending, streaming, failing, reconnecting and
 * managing conversations.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_ASSISTANT_MESSAGE } from '../../../src-main/core/agent/conversation-handler.js';
import { ApiError, fieldMessage } from '../../../src-renderer/api/api-error.js';
import { createChatSession, type ChatSession } from '../../../src-renderer/state/chat-session.js';
import { draftKey } from '../../../src-renderer/state/composer-store.js';
import { connectionNotice } from '../../../src-renderer/state/connection-store.js';
import { pendingFor } from '../../../src-renderer/state/messages-store.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';
import { createInProcessApi, type InProcessApi } from './support/in-process-api.js';
import { streamingHandler } from './support/scripted-handlers.js';

let tc: TestCore;
let api: InProcessApi;
let session: ChatSession;

beforeEach(async () => {
  tc = await createTestCore();
  api = createInProcessApi(tc.core);
  session = createChatSession(api, 'http');
  session.start();
  await vi.waitFor(() => expect(session.stores.conversations.getState().status).toBe('ready'));
});

afterEach(async () => {
  session.dispose();
  await tc.dispose();
});

const stores = () => session.stores;
const threadTexts = (conversationId: string) => stores().messages.getState().threads[conversationId]?.messages.map((m) => m.text) ?? [];

/** Sends through the composer like the UI does and waits until the core has answered. */
async function sendFromComposer(conversationId: string | null, text: string) {
  stores().composer.getState().setDraft(conversationId, text);
  const outcome = await stores().composer.getState().send(conversationId);
  await tc.core.conversations.idle();
  return outcome;
}

describe('sending', () => {
  it('shows the message at once, then opens the new conversation with the system reply', async () => {
    stores().composer.getState().setDraft(null, 'Draft a welcome email for Dana');
    const release = api.holdNext('chat.send');
    const sending = stores().composer.getState().send(null);

    // Before the server answers: the message is on screen and the box is empty.
    expect(pendingFor(stores().messages.getState(), null).map((p) => p.text)).toEqual(['Draft a welcome email for Dana']);
    expect(stores().composer.getState().drafts[draftKey(null)]).toBe('');

    release();
    const outcome = await sending;
    expect(outcome.ok).toBe(true);
    const id = outcome.ok ? outcome.conversationId : '';
    expect(stores().conversations.getState().activeId).toBe(id);
    expect(pendingFor(stores().messages.getState(), null)).toEqual([]);

    await tc.core.conversations.idle();
    await vi.waitFor(() => expect(threadTexts(id)).toEqual(['Draft a welcome email for Dana', NO_ASSISTANT_MESSAGE]));
    const [user, notice] = stores().messages.getState().threads[id]?.messages ?? [];
    expect(user?.role).toBe('user');
    expect(notice?.role).toBe('system');
    expect(stores().conversations.getState().conversations.map((c) => c.title)).toEqual(['Draft a welcome email for Dana']);
  });

  it('keeps the draft and shows the server’s reason when a send is refused', async () => {
    const tooLong = 'x'.repeat(100_001);
    const outcome = await sendFromComposer(null, tooLong);

    expect(outcome.ok).toBe(false);
    expect(stores().composer.getState().drafts[draftKey(null)]).toBe(tooLong);
    expect(stores().composer.getState().errors[draftKey(null)]).toEqual({
      code: 'invalid_input',
      message: 'Message is too long (max 100,000 characters) — attach it as a file instead',
    });
    expect(stores().messages.getState().pending).toEqual([]);
    expect(await tc.core.request('conversations.list', {})).toEqual([]);

    // Editing the draft clears the error.
    stores().composer.getState().setDraft(null, 'shorter');
    expect(stores().composer.getState().errors[draftKey(null)]).toBeUndefined();
  });

  it('restores the draft when the conversation was deleted elsewhere', async () => {
    const first = await sendFromComposer(null, 'Plan the offsite');
    const id = first.ok ? first.conversationId : '';
    await tc.core.request('conversations.delete', { id });
    // The deletion event is lost (say, during an outage), so the UI still shows the conversation.
    session.stores.conversations.getState().select(id);
    stores().composer.getState().setDraft(id, 'Add a team dinner');
    const outcome = await stores().composer.getState().send(id);
    expect(outcome.ok).toBe(false);
    expect(stores().composer.getState().drafts[id]).toBe('Add a team dinner');
    expect(stores().composer.getState().errors[id]?.message).toMatch(/was not found/);
  });

  it('puts a second message sent before the first one lands into the same new conversation', async () => {
    const release = api.holdNext('chat.send');
    stores().composer.getState().setDraft(null, 'Book the venue');
    const first = stores().composer.getState().send(null);
    stores().composer.getState().setDraft(null, 'and order catering');
    const second = stores().composer.getState().send(null);
    release();
    const [a, b] = await Promise.all([first, second]);
    const id = a.ok ? a.conversationId : 'first failed';
    expect(b).toEqual({ ok: true, conversationId: id });
    await tc.core.conversations.idle();
    expect(await tc.core.request('conversations.list', {})).toHaveLength(1);
    await vi.waitFor(() => expect(threadTexts(id).filter((t) => t !== NO_ASSISTANT_MESSAGE)).toEqual(['Book the venue', 'and order catering']));
  });

  it('does not send an empty or whitespace-only draft', async () => {
    const outcome = await sendFromComposer(null, '   \n ');
    expect(outcome).toEqual({ ok: false, error: null });
    expect(api.calls).not.toContain('chat.send');
  });
});

describe('streaming replies', () => {
  it('applies message.delta events from the core to the streaming message, then completes it', async () => {
    let step!: () => void;
    const gate = () => new Promise<void>((resolve) => (step = resolve));
    tc.core.conversations.setHandler(streamingHandler(['Dear Dana, ', 'welcome ', 'aboard!'], { agent: 'employee', gate }));

    stores().composer.getState().setDraft(null, 'Write to Dana');
    const outcome = await stores().composer.getState().send(null);
    const id = outcome.ok ? outcome.conversationId : '';
    const reply = () => stores().messages.getState().threads[id]?.messages.find((m) => m.role === 'assistant');

    await vi.waitFor(() => expect(reply()).toMatchObject({ text: 'Dear Dana, ', status: 'streaming', agent: 'employee' }));
    expect(stores().messages.getState().activity[id]).toEqual({ role: 'employee', text: 'Writing the draft…', taskId: null, iteration: null });

    step();
    await vi.waitFor(() => expect(reply()?.text).toBe('Dear Dana, welcome '));
    step();
    await vi.waitFor(() => expect(reply()?.text).toBe('Dear Dana, welcome aboard!'));
    step();
    await tc.core.conversations.idle();
    await vi.waitFor(() => expect(reply()).toMatchObject({ text: 'Dear Dana, welcome aboard!', status: 'complete' }));
    expect(stores().messages.getState().activity[id]).toBeUndefined();
  });
});

describe('connection', () => {
  it('says "Reconnecting…" while events are lost, keeps the draft, and catches up when back', async () => {
    const first = await sendFromComposer(null, 'Order printer paper');
    const id = first.ok ? first.conversationId : '';
    await vi.waitFor(() => expect(threadTexts(id)).toHaveLength(2));

    api.setConnection('closed');
    expect(connectionNotice(stores().connection.getState())).toBe('Reconnecting…');
    stores().composer.getState().setDraft(id, 'Also toner, please');

    // Someone else (the terminal chat) writes while this window hears nothing.
    await tc.core.request('chat.send', { conversationId: id, text: 'Sent from the terminal' });
    await tc.core.conversations.idle();
    expect(threadTexts(id)).not.toContain('Sent from the terminal');

    api.setConnection('connecting');
    expect(connectionNotice(stores().connection.getState())).toBe('Reconnecting…');
    api.setConnection('open');
    await vi.waitFor(() => expect(threadTexts(id)).toEqual(['Order printer paper', NO_ASSISTANT_MESSAGE, 'Sent from the terminal', NO_ASSISTANT_MESSAGE]));
    expect(connectionNotice(stores().connection.getState())).toBeNull();
    expect(stores().connection.getState().reconnects).toBe(1);
    expect(stores().composer.getState().drafts[id]).toBe('Also toner, please');
  });

  it('does not show "Reconnecting…" while first connecting, only if that fails', () => {
    const fresh = createChatSession(createInProcessApi(tc.core, 'connecting'), 'http');
    expect(connectionNotice(fresh.stores.connection.getState())).toBeNull();
    fresh.stores.connection.getState().setState('closed');
    expect(connectionNotice(fresh.stores.connection.getState())).toBe('Can’t reach Steward yet — retrying…');
  });
});

describe('conversations', () => {
  it('creates, renames (with the server’s reason on a bad title), searches and deletes', async () => {
    const conversations = () => stores().conversations.getState();
    const created = await conversations().create('Supplier review');
    expect(conversations().activeId).toBe(created.id);
    expect(conversations().conversations.map((c) => c.title)).toEqual(['Supplier review']);

    const refused = await conversations()
      .rename(created.id, '   ')
      .then(() => null, (err: unknown) => err);
    expect(refused).toBeInstanceOf(ApiError);
    expect(fieldMessage(refused as ApiError, 'title', 'The title')).toBe('The title must not be empty');
    expect(conversations().conversations[0]?.title).toBe('Supplier review');

    await conversations().rename(created.id, 'Q3 supplier review');
    expect(conversations().conversations[0]?.title).toBe('Q3 supplier review');
    expect((await tc.core.request('conversations.list', {}))[0]?.title).toBe('Q3 supplier review');

    await sendFromComposer(created.id, 'The invoice from Acme Ltd is overdue');
    await sendFromComposer(null, 'Lunch plans');
    conversations().setQuery('acme');
    await conversations().search();
    expect(conversations().searchResults?.map((c) => c.title)).toEqual(['Q3 supplier review']);
    conversations().setQuery('');
    expect(conversations().searchResults).toBeNull();

    conversations().select(created.id);
    await conversations().remove(created.id);
    expect(conversations().conversations.map((c) => c.title)).toEqual(['Lunch plans']);
    expect(conversations().activeId).toBeNull();
    expect((await tc.core.request('conversations.list', {})).map((c) => c.title)).toEqual(['Lunch plans']);
  });

  it('follows conversations created, renamed and deleted by another window', async () => {
    const other = await tc.core.request('conversations.create', { title: 'From the tray' });
    await vi.waitFor(() => expect(stores().conversations.getState().conversations.map((c) => c.title)).toEqual(['From the tray']));
    await tc.core.request('conversations.rename', { id: other.id, title: 'Renamed elsewhere' });
    expect(stores().conversations.getState().conversations[0]?.title).toBe('Renamed elsewhere');
    stores().conversations.getState().select(other.id);
    await tc.core.request('conversations.delete', { id: other.id });
    expect(stores().conversations.getState().conversations).toEqual([]);
    expect(stores().conversations.getState().activeId).toBeNull();
  });

  it('forgets a remembered conversation that no longer exists', async () => {
    stores().conversations.getState().select('gone-id');
    await stores().conversations.getState().load();
    expect(stores().conversations.getState().activeId).toBeNull();
  });
});

describe('app info, settings and the quick command', () => {
  it('loads app info and follows theme changes made elsewhere', async () => {
    await vi.waitFor(() => expect(stores().app.getState().info?.assistant.configured).toBe(false));
    expect(stores().app.getState().settings?.theme).toBe('system');
    await tc.core.request('settings.update', { patch: { theme: 'dark' } });
    expect(stores().app.getState().settings?.theme).toBe('dark');
  });

  it('quick command sends to a new conversation, confirms in one line, and keeps a refused draft', async () => {
    const quick = () => stores().quick.getState();
    quick().setDraft('Remind me to call the accountant');
    await quick().send();
    expect(quick()).toMatchObject({ status: 'sent', draft: '', line: 'Sent “Remind me to call the accountant” — Steward is on it.' });
    const listed = await tc.core.request('conversations.list', {});
    expect(listed.map((c) => c.id)).toEqual([quick().lastConversationId]);

    quick().setDraft('y'.repeat(100_001));
    await quick().send();
    expect(quick().status).toBe('error');
    expect(quick().line).toMatch(/^Message is too long/);
    expect(quick().draft).toHaveLength(100_001);
  });
});
