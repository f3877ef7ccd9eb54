/**
 * Memory commands typed in a person's chat ("forget …", "/forget …", "remember that …") go through
 * the real agent acting for that person, over the local server: a Director changes company facts
 * only — the owner's personal facts are never matched, forgotten or corrected (in the chat or with
 * the Memory screen's Add) — and an Employee's commands are refused with the role that would do.
 * The owner's same command still works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.js';
import { tempDir } from '../../helpers/test-core.js';
import { createHarness, type Harness } from '../agent/support/agent-harness.js';

const TOKEN = 'test-token-0123456789abcdef';
const EMPLOYEE_REFUSAL =
  'Sam Park (employee) may not change business memory (add, edit or forget facts, answer its questions): it needs the director role. The owner can change roles in Settings › People. Nothing was changed.';

describe('chat memory commands with people’s roles', () => {
  let h: Harness;
  let server: RunningServer;
  let priya: string;
  let priyaId: string;
  let sam: string;

  beforeAll(async () => {
    h = await createHarness({ memoryFor: (core) => core.memory });
    server = await startServer(h.core, { port: 0, token: TOKEN, rendererDir: tempDir('steward-renderer-') });
    const priyaProfile = await h.core.request('people.add', { name: 'Priya Shah', email: 'priya@acme.test', role: 'director' });
    const samProfile = await h.core.request('people.add', { name: 'Sam Park', email: 'sam@acme.test', role: 'employee' });
    priya = (await h.core.request('people.issueToken', { id: priyaProfile.id })).token;
    priyaId = priyaProfile.id;
    sam = (await h.core.request('people.issueToken', { id: samProfile.id })).token;
    await h.core.request('memory.add', { statement: 'My favourite drink is oolong tea' });
    await h.core.request('memory.add', { statement: 'Sarah Lee is our CFO' });
    await h.core.request('memory.add', { statement: 'Bob Jones is our CTO' });
    await h.core.request('memory.add', { statement: 'John Smith is our COO' });
    await h.core.request('memory.add', { statement: 'My manager is John Smith' });
  });
  afterAll(async () => {
    await server.close();
    await h.dispose();
  });

  /** Sends through the server as the person (no token: the owner) and returns the turn's last reply. */
  async function chat(text: string, person?: string): Promise<string> {
    const res = await fetch(`${server.url}/api/chat.send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(person ? { 'x-steward-person': person } : {}) },
      body: JSON.stringify({ text }),
    });
    expect(res.status).toBe(200);
    const sent = (await res.json()) as { conversationId: string; message: { id: string; createdAt: string } };
    await h.core.conversations.replyTo(sent.message.id);
    const replies = h.messages(sent.conversationId).filter((m) => m.id !== sent.message.id && m.createdAt >= sent.message.createdAt);
    return replies.at(-1)!.text;
  }

  const currentObjects = async () => (await h.core.request('memory.list', { status: 'current' })).facts.map((f) => `${f.subject}: ${f.object}`);

  it('a Director’s forget, spoken or slash, never reaches the owner’s personal facts', async () => {
    expect(await chat('Forget oolong tea', priya)).toBe('Nothing in company memory matches "oolong tea", so nothing was forgotten.');
    expect(await chat('/forget oolong', priya)).toBe('Nothing in company memory matches "oolong", so nothing was forgotten.');
    expect(await chat('forget my favourite drink', priya)).toBe('Nothing in company memory matches "favourite drink", so nothing was forgotten.');
    expect(await currentObjects()).toContainEqual(expect.stringMatching(/oolong tea$/));
  });

  it('a Director’s “remember that my …” would correct the owner’s fact: refused, the owner’s fact stays as it was', async () => {
    const reply = await chat('Remember that my favourite drink is green tea', priya);
    expect(reply).toMatch(/^I didn’t keep that: in business memory “I”, “me” and “my” mean the owner, and only the owner can change facts about themself\..*Nothing was changed\.$/);
    const facts = await currentObjects();
    expect(facts).toContainEqual(expect.stringMatching(/oolong tea$/));
    expect(facts.some((f) => f.includes('green tea'))).toBe(false);
  });

  it('a Director changes company facts by chat: forgets the CTO, keeps a new fact', async () => {
    expect(await chat('/forget Bob Jones', priya)).toBe('Forgotten: Bob Jones and 1 fact about them.');
    expect(await chat('Remember that Dana Lee is our Head of People', priya)).toMatch(/^I'll remember that .*Dana Lee/);
    const facts = await currentObjects();
    expect(facts.some((f) => f.startsWith('Bob Jones'))).toBe(false);
    expect(facts.some((f) => f.startsWith('Dana Lee'))).toBe(true);
    expect(facts).toContainEqual(expect.stringMatching(/oolong tea$/));

    // John is a company fact and the owner's manager: the company fact goes, the owner's stays (and John with it).
    expect(await chat('Forget John Smith', priya)).toBe('Forgotten 1 company fact about John Smith.');
    const after = await currentObjects();
    expect(after.some((f) => f.startsWith('John Smith'))).toBe(false);
    expect(after).toContainEqual(expect.stringMatching(/: John Smith$/));
  });

  it('the Memory screen’s Add follows the same rule for a Director: a statement about “my …” is refused, a company fact is kept', async () => {
    const director = { actor: 'person:priya@acme.test', personId: priyaId };
    await expect(h.core.call('memory.add', { statement: 'My favourite drink is espresso' }, director)).rejects.toMatchObject({
      userMessage: expect.stringMatching(/^I didn’t keep that: in business memory “I”, “me” and “my” mean the owner/),
    });
    const added = (await h.core.call('memory.add', { statement: 'Lee Chen is our CMO' }, director)) as { stored: { subject: string }[] };
    expect(added.stored.map((f) => f.subject)).toContain('Lee Chen');
    const facts = await currentObjects();
    expect(facts).toContainEqual(expect.stringMatching(/oolong tea$/));
    expect(facts.some((f) => f.includes('espresso'))).toBe(false);
  });

  it('a Director cannot settle memory’s question about the owner’s own fact by its id (the list hides it; answering it is refused too)', async () => {
    // The owner says something that contradicts their own fact: memory asks which is right.
    await h.core.request('memory.add', { statement: 'My email is alex@acme.test' });
    const added = (await h.core.request('memory.add', { statement: 'My email is alex@home.test' })) as { questions: { id: string }[] };
    const question = added.questions[0]!;
    const director = { actor: 'person:priya@acme.test', personId: priyaId };
    const listed = (await h.core.call('memory.questions.list', {}, director)) as { id: string }[];
    expect(listed.map((q) => q.id)).not.toContain(question.id);
    await expect(h.core.call('memory.questions.answer', { id: question.id, answer: { kind: 'conflict', keep: 'new' } }, director)).rejects.toMatchObject({
      code: 'unauthorized',
      userMessage: 'Priya Shah may not see or change that fact: it is about the owner personally, so only the owner can. Nothing was changed.',
    });
    const facts = await currentObjects();
    expect(facts).toContainEqual(expect.stringMatching(/: alex@acme\.test$/));
    expect(facts.some((f) => f.includes('alex@home.test'))).toBe(false);
    // The owner settles it.
    await h.core.request('memory.questions.answer', { id: question.id, answer: { kind: 'conflict', keep: 'existing' } });
  });

  it('an Employee’s forget and remember are refused by role, spoken or slash, and change nothing', async () => {
    const before = await currentObjects();
    expect(await chat('/forget Sarah Lee', sam)).toBe(EMPLOYEE_REFUSAL);
    expect(await chat('Forget Sarah Lee', sam)).toBe(EMPLOYEE_REFUSAL);
    expect(await chat('forget oolong tea', sam)).toBe(EMPLOYEE_REFUSAL);
    expect(await chat('/remember Sarah Lee is our CEO', sam)).toBe(EMPLOYEE_REFUSAL);
    expect(await currentObjects()).toEqual(before);
  });

  it('the owner’s own forget still reaches their personal fact', async () => {
    expect(await chat('/forget oolong')).toMatch(/^Forgotten 1 fact: /);
    expect((await currentObjects()).some((f) => f.includes('oolong'))).toBe(false);
  });
});
