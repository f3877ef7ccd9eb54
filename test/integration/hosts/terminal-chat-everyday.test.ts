/**
 * The terminal chat as a new user meets it (issue 17): what is typed while Steward is answering
 * is queued (and says so) instead of being mixed into the reply; internal log lines go to the
 * log file, not the conversation; and remembered facts read as a sentence ("I'll remember that
 * your company's VAT number is …").
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runChatRepl } from '../../../src-main/cli/chat-repl.js';
import { captureConsole } from '../../../src-main/cli/console-to-log.js';
import { createLogger, type LogRecord } from '../../../src-main/core/logging/logger.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';
import { realKeychain } from '../../helpers/keychain.js';

// eslint-disable-next-line no-control-regex -- removing the terminal's colour codes is the point
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

describe('terminal chat, everyday use', () => {
  const open: TestCore[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
  });

  it('queues a line typed while a reply is streaming, says so, and answers it afterwards in order', async () => {
    const t = await createTestCore();
    open.push(t);
    let release!: () => void;
    const firstMayFinish = new Promise<void>((resolve) => (release = resolve));
    t.core.conversations.setHandler({
      describe: () => ({ configured: true, description: 'scripted' }),
      respond: async (turn, reply) => {
        const stream = reply.stream({ agent: 'employee' });
        stream.push('You said: ');
        if (turn.userMessage.text === 'first question') await firstMayFinish;
        stream.push(turn.userMessage.text);
        stream.complete();
      },
    });
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk) => (text += String(chunk)));
    const done = runChatRepl({ core: t.core, input, output, interactive: true });

    input.write('first question\n');
    await expect.poll(() => plain(text)).toContain('Employee › You said: ');
    input.write('second question\n');
    await expect.poll(() => plain(text)).toContain('(queued — sent when Steward has answered: second question)');
    // The queued line is not sent while the first reply is still being written.
    expect(plain(text)).not.toContain('You said: second question');
    release();
    await expect.poll(() => plain(text)).toContain('Employee › You said: second question');
    input.end('/exit\n');
    await done;
    const out = plain(text);
    expect(out.indexOf('You said: first question')).toBeLessThan(out.indexOf('You said: second question'));
    expect(out).not.toContain('Unknown command');
    const [conversation] = await t.core.request('conversations.list', {});
    expect(conversation?.messageCount).toBe(4);
  });

  it('sends console lines to the log, including those printed before the log existed', () => {
    const records: LogRecord[] = [];
    const target = { debug: () => undefined, log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Console;
    const screen: string[] = [];
    for (const m of ['log', 'warn', 'error'] as const) (target as unknown as Record<string, (t: string) => void>)[m] = (t: string) => screen.push(t);
    const capture = captureConsole(target);
    target.warn('[steward:memory] no embedding model', { code: 'model_missing' });
    capture.attach(createLogger({ location: 'memory', write: (r) => records.push(r) }));
    target.log('init: embeddings required but some input tokens were not marked as outputs');
    capture.restore();
    target.error('after restore');
    expect(records.map((r) => [r.level, r.message])).toEqual([
      ['warn', "[steward:memory] no embedding model { code: 'model_missing' }"],
      ['info', 'init: embeddings required but some input tokens were not marked as outputs'],
    ]);
    expect(screen).toEqual(['after restore']);
  });

  it("confirms a remembered fact as a sentence: your company's VAT number", async () => {
    const t = await createTestCore({ installAgent: true });
    open.push(t);
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk) => (text += String(chunk)));
    const done = runChatRepl({ core: t.core, input, output, interactive: false });
    input.end('Remember that our VAT number is GB123456789\n');
    await done;
    expect(text).toContain("I'll remember that your company's VAT number is GB123456789.");
  });
});

const keychain = await realKeychain();
describe.skipIf(!('store' in keychain))('npm run chat (real process): the screen is the conversation', () => {
  it('prints no internal log lines; they are in the log file', async () => {
    const home = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/chat-cli.ts'], {
      env: { ...process.env, STEWARD_HOME: home, STEWARD_KEYCHAIN_SERVICE: 'service' in keychain ? keychain.service : 'x' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.stdin.end('/status\n/exit\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('Steward terminal chat');
    expect(out).not.toMatch(/\[steward(:\w+)?\]/);
    const logFile = path.join(home, 'profiles/default/logs/steward.log');
    expect(existsSync(logFile)).toBe(true);
    // Without an embedding model memory says so at start: in the log, not on the screen.
    expect(readFileSync(logFile, 'utf8')).toContain('no embedding model');
  }, 120_000);
});
