import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MemoryPort } from '../../../src-main/core/agent/memory-port.js';
import type { ReplyChannel } from '../../../src-main/core/agent/conversation-handler.js';
import type { Message } from '../../../src-preload/contract.js';
import { createHarness, intentResponse, is, type Harness } from './support/agent-harness.js';

let h: Harness;
afterEach(async () => h?.dispose());

/** A stand-in with the Memory facade's shape (contextFor returns an object, commands parse themselves). */
function fakeMemory() {
  const port = {
    handled: [] as { text: string; confirmed: boolean }[],
    asked: [] as { text: string; budget: number }[],
    learned: [] as { user: string; assistant: string | undefined }[],
    recorded: [] as { kind: string; summary: string }[],
    async contextFor(text: string, tokenBudget: number) {
      port.asked.push({ text, budget: tokenBudget });
      return { text: 'Ann Lee is our office manager; she prefers email.' };
    },
    async handleCommand(text: string, options: { confirmed?: boolean }) {
      port.handled.push({ text, confirmed: options.confirmed ?? false });
      if (/^remember/i.test(text)) return { reply: `I'll remember that ${text.replace(/^remember that /i, '')}.` };
      if (/^forget/i.test(text)) return { reply: `Forgot: ${text.replace(/^forget /i, '')}` };
      if (/^clear my data/i.test(text)) return options.confirmed ? { reply: 'Done: deleted everything.', needsConfirmation: false } : { reply: 'This deletes everything I remember. Are you sure?', needsConfirmation: true };
      return null;
    },
    async learnFromTurn(turn: { user: { text: string }; assistant?: { text: string } | null }) {
      port.learned.push({ user: turn.user.text, assistant: turn.assistant?.text });
      return {};
    },
    recordTask(task: { kind: string; summary: string }) {
      port.recorded.push(task);
      return null;
    },
  } satisfies MemoryPort & Record<string, unknown>;
  return port;
}

describe('conversation and question handlers', () => {
  it('plain chat is streamed into the conversation, with memory context in the prompt', async () => {
    const memory = fakeMemory();
    h = await createHarness({
      memory,
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('conversation') }, { match: { role: 'conversation' }, response: { type: 'text', text: 'Good morning! How can I help today?' } }] },
    });
    const { replies } = await h.send('good morning');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ text: 'Good morning! How can I help today?', status: 'complete', agent: null });
    expect(h.events.filter((e) => e.type === 'message.delta' && e.messageId === replies[0]!.id).length).toBeGreaterThan(3);
    const call = h.provider.requests.find((r) => r.role === 'conversation')!;
    expect(call.messages[0]!.content).toContain('Ann Lee is our office manager');
    expect(memory.asked[0]!.budget).toBeGreaterThan(0);
  });

  it('"What can you do?" lists the tools actually installed, and which need setting up', async () => {
    h = await createHarness({ secretValues: {}, script: { rules: [{ match: { role: 'intent' }, response: intentResponse('question') }] } });
    const { replies } = await h.send('What can you do?');
    const text = replies[0]!.text;
    expect(text).toContain('**write_note** — Write a text file in the workspace.');
    expect(text).toContain('**pay_invoice** — Pay a supplier invoice. (asks for your approval)');
    expect(text).toMatch(/not set up yet:\n- \*\*send_message\*\* — add the messaging key/);
    // Answered from the registry, not by the model.
    expect(h.provider.requests.map((r) => r.role)).toEqual(['intent']);
  });

  it('other questions are answered by the model from memory, documents and the tool list', async () => {
    h = await createHarness({
      memory: fakeMemory(),
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('question') }, { match: { role: 'question' }, response: { type: 'text', text: 'Ann prefers email.' } }] },
    });
    mkdirSync(h.core.paths.workspaceDir, { recursive: true });
    writeFileSync(path.join(h.core.paths.workspaceDir, 'price-list.xlsx'), 'x');
    const { replies } = await h.send('how does Ann like to be contacted?');
    expect(replies[0]!.text).toBe('Ann prefers email.');
    const system = h.provider.requests.find((r) => r.role === 'question')!.messages[0]!.content;
    expect(system).toContain('- price-list.xlsx');
    expect(system).toContain('- send_message: Send a message to an email address.');
    expect(system).toContain('Ann Lee is our office manager');
  });

  it('a clarification intent asks the question; the answer re-runs the request with it', async () => {
    h = await createHarness({
      script: {
        rules: [
          { match: { role: 'intent', lastUser: 'my answer: the blue one' }, response: intentResponse('conversation') },
          { match: { role: 'intent' }, response: intentResponse('clarification', { question: 'Which logo do you mean, the blue or the red one?' }) },
          { match: { role: 'conversation' }, response: { type: 'text', text: 'Got it, the blue one.' } },
        ],
      },
    });
    const first = await h.send('use the logo');
    expect(first.replies[0]).toMatchObject({ text: 'Which logo do you mean, the blue or the red one?', agent: 'manager' });
    expect(h.events.find(is('clarification.requested'))).toMatchObject({ taskId: null, role: 'manager' });
    const second = await h.send('the blue one', first.conversationId);
    expect(second.replies[0]!.text).toBe('Got it, the blue one.');
    expect(h.provider.requests.filter((r) => r.role === 'intent').at(-1)!.lastUserText).toContain('use the logo');
    expect(h.agent.listClarifications({ conversationId: first.conversationId })).toEqual([]);
  });

  it('a low-confidence action is confirmed first; "yes" runs exactly the proposed call', async () => {
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'write_note', parameters: { path: 'x.txt', text: 'x' }, confidence: 0.3 }) }] },
    });
    const first = await h.send('maybe note x');
    expect(first.replies[0]!.text).toContain('Just to check — do you want me to run write_note — path: x.txt, text: x?');
    expect(h.world.executions).toEqual([]);
    const second = await h.send('yes please', first.conversationId);
    expect(second.replies.at(-1)!.text).toBe('Done: Wrote x.txt\nFiles:\n- x.txt');
    expect(h.world.executions).toEqual(['write_note:x.txt']);
  });
});

describe('commands handled by code, without the model', () => {
  it('slash commands: /help, /tools, /tasks, and /approve from the chat', async () => {
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: 'ann@example.com', body: 'hi' } }) }] },
    });
    const help = await h.send('/help');
    expect(help.replies[0]!.text).toContain('/approve <id>');
    const tools = await h.send('/tools', help.conversationId);
    expect(tools.replies[0]!.text).toContain('- pay_invoice [financial, ask]');
    const tasks = await h.send('/tasks', help.conversationId);
    expect(tasks.replies[0]!.text).toBe('No tasks are running or waiting.');
    expect(h.provider.requests).toEqual([]);

    const since = h.mark();
    await h.send('message ann', help.conversationId);
    const requested = await h.waitFor(is('approval.requested'), { since });
    const approved = await h.send(`/approve ${requested.approval.id.slice(0, 8)}`, help.conversationId);
    expect(approved.replies[0]!.text).toBe('Approved: send_message — to: ann@example.com, body: hi');
    await h.waitForTask(requested.approval.taskId!, ['succeeded']);
    expect(h.world.sent).toHaveLength(1);
    const late = await h.send(`/reject ${requested.approval.id}`, help.conversationId);
    expect(late.replies[0]!.text).toContain('was already approved');
  });

  it('exact memory commands go to memory directly; "clear my data" needs a yes first', async () => {
    const memory = fakeMemory();
    h = await createHarness({ memory });
    const remembered = await h.send('remember that our VAT number is PT123456789');
    expect(remembered.replies[0]!.text).toBe("I'll remember that our VAT number is PT123456789.");
    const forgot = await h.send('/forget the old address', remembered.conversationId);
    expect(forgot.replies[0]!.text).toBe('Forgot: the old address');
    const clear = await h.send('clear my data', remembered.conversationId);
    expect(clear.replies[0]!.text).toContain('Are you sure?');
    const sure = await h.send('yes', remembered.conversationId);
    expect(sure.replies[0]!.text).toBe('Done: deleted everything.');
    expect(memory.handled.map((c) => [c.text, c.confirmed])).toEqual([
      ['remember that our VAT number is PT123456789', false],
      ['Forget the old address', false],
      ['clear my data', false],
      ['clear my data', true],
    ]);
    expect(h.provider.requests).toEqual([]);
  });

  it('memory learns from answered turns (in the background) and hears about finished tasks', async () => {
    const memory = fakeMemory();
    h = await createHarness({
      memory,
      script: {
        rules: [
          { match: { role: 'intent', lastUser: 'note' }, response: intentResponse('simple_action', { tool: 'write_note', parameters: { path: 'n.txt', text: 'n' } }) },
          { match: { role: 'intent' }, response: intentResponse('conversation') },
          { match: { role: 'conversation' }, response: { type: 'text', text: 'Hello Ann!' } },
        ],
      },
    });
    await h.send('hi, I am Ann');
    await h.core.conversations.idle();
    expect(memory.learned).toEqual([{ user: 'hi, I am Ann', assistant: 'Hello Ann!' }]);
    await h.send('note n');
    expect(memory.recorded).toEqual([{ kind: 'tool.write_note', summary: 'note n', params: { path: 'n.txt', text: 'n' } }]);
  });

  it('without business memory, a memory command says so instead of pretending', async () => {
    h = await createHarness();
    const { replies } = await h.send('remember: the office closes at 6');
    expect(replies[0]!.text).toContain('Business memory isn’t available in this version yet');
    expect(h.provider.requests).toEqual([]);
  });
});

describe('bad input', () => {
  it('empty and enormous messages are refused with a clear reason, and nothing is stored', async () => {
    h = await createHarness();
    await expect(h.core.request('chat.send', { text: '   ' })).rejects.toMatchObject({ userMessage: expect.stringContaining('is empty') });
    await expect(h.core.request('chat.send', { text: 'x'.repeat(200_000) })).rejects.toMatchObject({ userMessage: expect.stringContaining('too long') });
    expect(await h.core.request('conversations.list', {})).toEqual([]);
    expect(h.core.db.raw.prepare('SELECT COUNT(*) AS n FROM tasks').get()).toEqual({ n: 0 });
  });

  it('an empty turn reaching the agent gets a clear reply without calling the model', async () => {
    h = await createHarness();
    const said: string[] = [];
    const reply = { conversationId: 'c', say: (text: string) => (said.push(text), {} as Message), stream: () => ({}) as never, status: () => undefined } as ReplyChannel;
    await h.agent.respond({ conversationId: 'c', userMessage: { id: 'm', conversationId: 'c', role: 'user', agent: null, text: ' \n ', status: 'complete', createdAt: '' }, signal: new AbortController().signal }, reply);
    expect(said).toEqual(['Your message was empty — type what you need and send it again.']);
    expect(h.provider.requests).toEqual([]);
  });

  it('a valid message too long for the model’s context gets a clear reply; the message is kept whole', async () => {
    h = await createHarness({ script: { contextSize: 8192 } });
    const text = 'word '.repeat(18_000);
    const { replies, message } = await h.send(text);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/Your message is about [\d,]+ tokens, but the current model can read about [\d,]+ at once/);
    expect(h.provider.requests).toEqual([]);
    expect(h.core.conversations.repo.getMessage(message.id)).toMatchObject({ text, status: 'complete' });
  });

  it('a long conversation stays within the token budget: older turns are summarised once and reused', async () => {
    h = await createHarness({
      script: {
        contextSize: 2048,
        rules: [
          { match: { role: 'other' }, response: { type: 'text', text: 'Earlier: the user planned a launch party for 40 guests on 3 May.' } },
          { match: { role: 'intent' }, response: intentResponse('conversation') },
          { match: { role: 'conversation' }, response: { type: 'text', text: 'Sure.' } },
        ],
      },
    });
    const conversation = h.core.conversations.create('long');
    for (let i = 0; i < 60; i += 1) {
      h.core.conversations.repo.addMessage({ conversationId: conversation.id, role: i % 2 ? 'assistant' : 'user', agent: null, text: `Message ${i}: ${'detail '.repeat(40)}`, status: 'complete' });
    }
    await h.send('and the cake?', conversation.id);
    const call = h.provider.requests.find((r) => r.role === 'conversation')!;
    const promptChars = call.messages.reduce((sum, m) => sum + m.content.length, 0);
    // Within the context (2048 tokens ≈ at most 3 characters per token by our conservative estimate).
    expect(promptChars / 3).toBeLessThan(2048);
    expect(call.messages[0]!.content).toContain('Earlier: the user planned a launch party');
    expect(call.messages.at(-1)!.content).toBe('and the cake?');
    expect(h.provider.requests.filter((r) => r.role === 'other')).toHaveLength(1);

    await h.send('and the music?', conversation.id);
    expect(h.provider.requests.filter((r) => r.role === 'other')).toHaveLength(1);
  });

  it('model output that is not valid JSON: one repair attempt, then a clear failure message, and nothing is done', async () => {
    h = await createHarness({ script: { rules: [{ match: { role: 'intent' }, response: { type: 'text', text: 'Sure! I think you want to send an email.' } }] } });
    const { replies } = await h.send('email the team');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ role: 'system', text: expect.stringContaining('the model’s answer wasn’t in the format I need, even after asking it to fix it once') });
    expect(h.provider.requests.map((r) => r.attempt)).toEqual([0, 1]);
    expect(h.core.db.raw.prepare('SELECT COUNT(*) AS n FROM tasks').get()).toEqual({ n: 0 });
  });

  it('a model that fails outright gets its own clear message', async () => {
    h = await createHarness({ script: { rules: [{ match: { role: 'intent' }, response: { type: 'error', error: 'auth_missing' } }] } });
    const { replies } = await h.send('hello');
    expect(replies[0]!.text).toContain('No API key is saved for scripted');
  });

  it('no model installed: every turn says how to get one, and nothing else happens', async () => {
    const { ModelMissingError } = await import('../../../src-main/core/llm/llm-errors.js');
    const { ScriptedProvider } = await import('../../../src-main/core/llm/scripted-provider.js');
    const provider = new ScriptedProvider();
    provider.info = async () => {
      throw new ModelMissingError({ modelId: 'qwen2.5-7b-instruct' });
    };
    h = await createHarness({ provider });
    const { replies } = await h.send('hello');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ role: 'system', text: expect.stringContaining('npm run models -- pull qwen2.5-7b-instruct') });
  });

  it('a plan the model cannot write in the right format fails the task with a clear message', async () => {
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('complex_task') }, { match: { role: 'manager' }, response: { type: 'json', value: { title: 'x' } } }] },
    });
    const { replies } = await h.send('organise the launch');
    expect(replies.at(-1)!.text).toContain('the model’s answer wasn’t in the format I need');
    const task = h.events.filter(is('task.updated')).at(-1)!.task;
    expect(task.status).toBe('failed');
  });
});
