/**
 * Conversations are per person (server mode, a small team sharing one Steward): a signed-in person
 * lists, reads and changes only the conversations their own chat started, and their tab's event
 * stream carries only their own messages, tasks and approval cards. The owner sees everyone's —
 * a person's labelled with whose it is — and reads them without writing in them. Real server,
 * real agent with the scripted model, real WebSocket streams.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StewardEvent } from '../../../src-preload/contract.js';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.js';
import { personEventVisible } from '../../../src-main/core/people/person-events.js';
import { tempDir } from '../../helpers/test-core.js';
import { createHarness, intentResponse, is, type Harness } from '../agent/support/agent-harness.js';

const TOKEN = 'test-token-0123456789abcdef';
// Response bodies are checked field by field below; their static type does not matter here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json();

interface Stream {
  events: StewardEvent[];
  text(): string;
  close(): void;
}

describe('conversations per person: lists, reads, changes and the event stream', () => {
  let h: Harness;
  let server: RunningServer;
  let sam: { id: string; token: string };
  let mo: { id: string; token: string };
  const streams: Stream[] = [];

  beforeAll(async () => {
    h = await createHarness({
      settings: { agent: { approvalTimeoutSeconds: 600 } },
      script: {
        rules: [
          { match: { role: 'intent', lastUser: 'note' }, response: intentResponse('question') },
          { match: { role: 'question' }, response: { type: 'text', text: 'Noted.' } },
          { match: { role: 'intent', lastUser: 'message bo' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: 'bo@example.com', body: 'mo-card-charlie' } }) },
        ],
      },
    });
    server = await startServer(h.core, { port: 0, token: TOKEN, rendererDir: tempDir('steward-renderer-') });
    const samProfile = await h.core.request('people.add', { name: 'Sam Park', email: 'sam@acme.test', role: 'employee' });
    const moProfile = await h.core.request('people.add', { name: 'Mo Reyes', email: 'mo@acme.test', role: 'manager' });
    sam = { id: samProfile.id, token: (await h.core.request('people.issueToken', { id: samProfile.id })).token };
    mo = { id: moProfile.id, token: (await h.core.request('people.issueToken', { id: moProfile.id })).token };
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server.close();
    await h.dispose();
  });

  const api = (method: string, body: unknown, person?: string) =>
    fetch(`${server.url}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(person ? { 'x-steward-person': person } : {}) },
      body: JSON.stringify(body),
    });

  async function chat(text: string, person?: string): Promise<string> {
    const res = await api('chat.send', { text }, person);
    expect(res.status).toBe(200);
    const sent = await json(res);
    await h.core.conversations.replyTo(sent.message.id);
    return sent.conversationId as string;
  }

  /** Opens the event stream as a browser tab does: the person's session token as `person=`. */
  async function openStream(person?: string): Promise<Stream> {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/events?token=${TOKEN}${person ? `&person=${encodeURIComponent(person)}` : ''}`);
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const events: StewardEvent[] = [];
    ws.on('message', (data) => events.push(JSON.parse(String(data)) as StewardEvent));
    const stream = { events, text: () => JSON.stringify(events), close: () => ws.close() };
    streams.push(stream);
    return stream;
  }

  async function refusal(res: Response): Promise<string> {
    expect(res.status).toBe(401);
    return (await json(res)).error.message as string;
  }

  it('each person lists, searches, reads and changes only their own; their streams carry only their own events; the owner sees all, labelled, read-only', async () => {
    const samStream = await openStream(sam.token);
    const moStream = await openStream(mo.token);
    const ownerStream = await openStream();

    const ownerChat = await chat('note owner-secret-alpha');
    const samChat = await chat('note sam-secret-bravo', sam.token);
    const since = h.mark();
    const moChat = await chat('message bo', mo.token);
    const card = await h.waitFor(is('approval.requested'), { since });

    // Lists and search.
    const listed = async (person?: string, query?: string) => (await json(await api('conversations.list', query ? { query } : {}, person))) as { id: string; person?: { name: string } }[];
    expect((await listed(sam.token)).map((c) => c.id)).toEqual([samChat]);
    expect((await listed(mo.token)).map((c) => c.id)).toEqual([moChat]);
    expect(await listed(sam.token, 'owner-secret-alpha')).toEqual([]);
    const ownerSees = await listed();
    expect(ownerSees.map((c) => c.id).sort()).toEqual([ownerChat, samChat, moChat].sort());
    expect(ownerSees.find((c) => c.id === samChat)!.person).toEqual({ id: sam.id, name: 'Sam Park' });
    expect(ownerSees.find((c) => c.id === ownerChat)!.person).toBeUndefined();

    // Reading or changing someone else's conversation is refused, and nothing changes.
    const notYours = 'This conversation is not Sam Park’s: a signed-in person sees and changes only the conversations their own chat started. Open one of yours from the sidebar or start a new one. Nothing was changed.';
    expect(await refusal(await api('messages.list', { conversationId: ownerChat }, sam.token))).toBe(notYours);
    expect(await refusal(await api('messages.list', { conversationId: moChat }, sam.token))).toBe(notYours);
    expect(await refusal(await api('conversations.rename', { id: moChat, title: 'mine now' }, sam.token))).toBe(notYours);
    expect(await refusal(await api('conversations.delete', { id: ownerChat }, sam.token))).toBe(notYours);
    expect(await refusal(await api('chat.send', { conversationId: moChat, text: 'note intrusion' }, sam.token))).toBe(notYours);
    expect(await refusal(await api('tasks.get', { id: card.approval.taskId }, sam.token))).toBe(notYours);
    expect((await json(await api('tasks.list', {}, sam.token))).map((t: { id: string }) => t.id)).not.toContain(card.approval.taskId);
    expect(h.core.conversations.repo.get(moChat).title).not.toBe('mine now');
    expect(h.messages(ownerChat).map((m) => m.text)).toContain('note owner-secret-alpha');
    expect(h.messages(moChat).some((m) => m.text === 'note intrusion')).toBe(false);
    expect((await json(await api('messages.list', { conversationId: samChat }, sam.token))).map((m: { text: string }) => m.text)).toContain('note sam-secret-bravo');

    // A conversation a person starts is theirs.
    const created = await json(await api('conversations.create', { title: 'Sam’s plans' }, sam.token));
    expect(created.person).toEqual({ id: sam.id, name: 'Sam Park' });
    expect((await listed(mo.token)).map((c) => c.id)).not.toContain(created.id);

    // The owner reads a person's conversation but does not write in it.
    expect((await json(await api('messages.list', { conversationId: samChat }))).map((m: { text: string }) => m.text)).toContain('note sam-secret-bravo');
    const readOnly = 'This is Sam Park’s conversation: the owner may read it, stop a reply or delete it, but not write in it or change it. Start a conversation of your own for this. Nothing was changed.';
    expect(await refusal(await api('chat.send', { conversationId: samChat, text: 'note from the owner' }))).toBe(readOnly);
    expect(await refusal(await api('conversations.rename', { id: samChat, title: 'renamed by owner' }))).toBe(readOnly);
    expect(h.messages(samChat).some((m) => m.text === 'note from the owner')).toBe(false);

    // The event streams: each marker message is the last thing of its stream, so everything sent before it has arrived.
    const samMarker = await chat('note sam-marker', sam.token);
    await expect.poll(() => samStream.text(), { timeout: 20_000 }).toContain('Noted.');
    await expect.poll(() => samStream.events.filter((e) => e.type === 'message.completed' && e.message.conversationId === samMarker).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => ownerStream.text(), { timeout: 20_000 }).toContain('sam-marker');
    await expect.poll(() => moStream.events.some((e) => e.type === 'approval.requested'), { timeout: 20_000 }).toBe(true);

    expect(samStream.text()).toContain('sam-secret-bravo');
    expect(samStream.text()).not.toContain('owner-secret-alpha');
    expect(samStream.text()).not.toContain('mo-card-charlie');
    expect(samStream.text()).not.toContain(moChat);
    expect(samStream.events.some((e) => e.type === 'approval.requested' || e.type === 'cost.updated')).toBe(false);
    expect(moStream.text()).not.toContain('sam-secret-bravo');
    expect(moStream.text()).not.toContain('owner-secret-alpha');
    expect(moStream.text()).toContain('mo-card-charlie');
    expect(ownerStream.text()).toContain('owner-secret-alpha');
    expect(ownerStream.text()).toContain('sam-secret-bravo');
    expect(ownerStream.events.some((e) => e.type === 'approval.requested' && e.approval.id === card.approval.id)).toBe(true);

    // The desktop app's window where Sam signed in gets the same events (the rule the IPC bridge is given).
    const forSamsWindow = JSON.stringify(ownerStream.events.filter((e) => personEventVisible(h.core, sam.id, e)));
    expect(forSamsWindow).toContain('sam-secret-bravo');
    expect(forSamsWindow).not.toContain('owner-secret-alpha');
    expect(forSamsWindow).not.toContain('mo-card-charlie');
  });

  it('refuses an event stream for a wrong or ended session and stops one whose person signed out', async () => {
    const rejected = new WebSocket(`${server.url.replace('http', 'ws')}/api/events?token=${TOKEN}&person=not-a-session`);
    const status = await new Promise<string>((resolve) => {
      rejected.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      rejected.on('error', () => resolve('error'));
    });
    expect(status).toBe('401');

    const stream = await openStream(sam.token);
    const revoked = await api('people.update', { id: sam.id, active: false });
    expect(revoked.status).toBe(200);
    await chat('note owner-after-revoke');
    const ownerMarker = await openStream();
    await chat('note sam-gone', undefined);
    await expect.poll(() => ownerMarker.text(), { timeout: 20_000 }).toContain('sam-gone');
    expect(stream.text()).not.toContain('owner-after-revoke');
    expect(stream.text()).not.toContain('sam-gone');
    expect(ownerMarker.events.some((e) => personEventVisible(h.core, sam.id, e))).toBe(false);
  });
});
