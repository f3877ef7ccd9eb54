/**
 * Switch profile over the browser transport, against the real local server and core: with a
 * person's session the requests act for them (people.me names them, a refusal of their role comes
 * back as that refusal); a wrong password is refused as such; neither tears down the tab's session
 * the way a wrong server token does.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.js';
import { createHttpApi, type HttpStewardApi, type SocketLike } from '../../../src-renderer/api/http-transport.js';
import { deciderLabel } from '../../../src-renderer/features/approvals/approval-text.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const TOKEN = 'test-token-0123456789abcdef';
let tc: TestCore;
let server: RunningServer;
let api: HttpStewardApi;
let person: string | null = null;
const onUnauthorized = vi.fn();

beforeEach(async () => {
  tc = await createTestCore();
  server = await startServer(tc.core, { port: 0, token: TOKEN, rendererDir: tempDir('steward-renderer-') });
  api = createHttpApi({ baseUrl: server.url, token: TOKEN, createSocket: (url) => new WebSocket(url) as unknown as SocketLike, onUnauthorized, personToken: () => person });
});
afterEach(async () => {
  api.close();
  person = null;
  onUnauthorized.mockReset();
  await server.close();
  await tc.dispose();
});

describe('acting as a signed-in person from the browser', () => {
  it('sends the person’s session with every request; their refusals and a wrong password leave the tab connected', async () => {
    const sam = await tc.core.request('people.add', { name: 'Sam Park', email: 'sam@acme.test', role: 'employee' });
    await tc.core.request('people.setPassword', { id: sam.id, password: 'sam-password-12' });

    const wrong = await api.call('people.signIn', { email: 'sam@acme.test', password: 'nope-nope-nope' }).catch((err: unknown) => err);
    expect(wrong).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/do not match a profile/) });

    person = (await api.call('people.signIn', { email: 'sam@acme.test', password: 'sam-password-12' })).token;
    expect((await api.call('people.me', {})).name).toBe('Sam Park');
    const refused = await api.call('settings.update', { patch: { agent: { paused: true } } }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'unauthorized', message: 'Sam Park (employee) may not change this (“settings.update”): it needs the owner role. The owner can change roles in Settings › People.' });
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(api.connectionState).not.toBe('closed');

    const token = person;
    person = null;
    expect(await api.call('people.signOut', { token })).toEqual({ signedOut: true });
    expect((await api.call('people.me', {})).role).toBe('owner');
  });

  it('a signed-in tab’s event stream carries only its person’s conversations, the owner’s tab every one', async () => {
    const sam = await tc.core.request('people.add', { name: 'Sam Park', email: 'sam@acme.test', role: 'employee' });
    await tc.core.request('people.setPassword', { id: sam.id, password: 'sam-password-12' });
    person = (await api.call('people.signIn', { email: 'sam@acme.test', password: 'sam-password-12' })).token;
    const got: unknown[] = [];
    api.onEvent((event) => got.push(event));
    const ownerTab = createHttpApi({ baseUrl: server.url, token: TOKEN, createSocket: (url) => new WebSocket(url) as unknown as SocketLike });
    const ownerGot: unknown[] = [];
    ownerTab.onEvent((event) => ownerGot.push(event));
    await expect.poll(() => [api.connectionState, ownerTab.connectionState], { timeout: 20_000 }).toEqual(['open', 'open']);

    await tc.core.request('conversations.create', { title: 'owner-private plans' });
    const mine = await api.call('conversations.create', { title: 'sam-own plans' });
    expect(mine.person).toEqual({ id: sam.id, name: 'Sam Park' });
    await expect.poll(() => JSON.stringify(got), { timeout: 20_000 }).toContain('sam-own plans');
    await expect.poll(() => JSON.stringify(ownerGot), { timeout: 20_000 }).toContain('sam-own plans');
    expect(JSON.stringify(got)).not.toContain('owner-private plans');
    expect(JSON.stringify(ownerGot)).toContain('owner-private plans');
    ownerTab.close();
  });

  it('approval cards name who decided: a person by name, the owner on someone’s behalf', () => {
    expect(deciderLabel('person:priya@acme.test (Priya Shah)')).toBe('Priya Shah');
    expect(deciderLabel('server (owner, on behalf of Mo Reyes)')).toBe('the owner, on behalf of Mo Reyes');
    expect(deciderLabel('ui')).toBe('you');
    expect(deciderLabel('system:timeout')).toBe('no answer in time');
  });
});
