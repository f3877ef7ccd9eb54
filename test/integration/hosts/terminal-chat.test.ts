import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChatRepl } from '../../../src-main/cli/chat-repl.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';
import { realKeychain } from '../../helpers/keychain.js';

async function chat(t: TestCore, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => (text += String(chunk)));
  const done = runChatRepl({ core: t.core, input, output, interactive: false });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return text;
}

describe('terminal chat', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore();
  });
  afterEach(() => t.dispose());

  it('sends messages to the same core and prints the replies as they arrive', async () => {
    t.core.conversations.setHandler({
      describe: () => ({ configured: true, description: 'scripted' }),
      respond: async (turn, reply) => {
        const stream = reply.stream({ agent: 'employee' });
        stream.push('You said: ');
        stream.push(turn.userMessage.text);
        stream.complete();
      },
    });
    const out = await chat(t, ['hello there', 'second line']);
    expect(out).toContain('Employee › You said: hello there\n');
    expect(out).toContain('Employee › You said: second line\n');
    const [conversation] = await t.core.request('conversations.list', {});
    expect(conversation?.messageCount).toBe(4);
  });

  it('supports /status, /task, /clear, /help and /exit', async () => {
    const out = await chat(t, ['/help', 'hi', '/status', '/task missing-id', '/task', '/clear', '/bogus', '/exit', 'never sent']);
    expect(out).toContain('/task <id>');
    expect(out).toContain('No assistant is configured yet');
    expect(out).toMatch(/Data: +.*steward\.db/);
    expect(out).toContain('Task "missing-id" was not found');
    expect(out).toContain('Usage: /task <id>');
    expect(out).toContain('Started a new conversation.');
    // Unknown slash commands go to the agent, which answers them itself.
    expect(out).toContain('Unknown command /bogus.');
    // "hi" went to the first conversation; after /clear, "/bogus" started a second one.
    const conversations = await t.core.request('conversations.list', {});
    expect(conversations.map((c) => c.title).sort()).toEqual(['/bogus', 'hi']);
    expect(conversations.find((c) => c.title === 'hi')?.messageCount).toBe(2);
  });

  it('shows a clear error for a message it cannot accept and keeps going', async () => {
    const out = await chat(t, ['x'.repeat(100_001), 'ok now']);
    expect(out).toContain('too long');
    expect((await t.core.request('conversations.list', {}))[0]?.messageCount).toBe(2);
  });
});

const keychain = await realKeychain();
describe.skipIf(!('store' in keychain))('npm run chat (real process, real keychain)', () => {
  it('runs in a plain pipe and exits on /exit', async () => {
    const home = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/chat-cli.ts'], {
      env: { ...process.env, STEWARD_HOME: home, STEWARD_KEYCHAIN_SERVICE: 'service' in keychain ? keychain.service : 'x' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.stdin.end('remember the milk\n/status\n/exit\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toContain('No assistant is configured yet');
    expect(out).toContain(`Data:      ${home}/profiles/default/steward.db`);
    expect(code).toBe(0);
  });
});
