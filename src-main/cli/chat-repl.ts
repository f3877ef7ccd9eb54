import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Message, StewardEvent } from '../../src-preload/contract.js';
import type { Core } from '../core/core-types.js';
import { toStewardError } from '../core/errors.js';
import { HELP_TEXT, statusText, taskText } from './chat-commands.js';

export interface ReplOptions {
  core: Core;
  input: Readable;
  output: Writable;
  /** Colours and screen clearing only on a real terminal. */
  interactive: boolean;
  conversationId?: string;
}

const TERMINAL_COMMANDS = new Set(['/exit', '/quit', '/help', '/status', '/task', '/clear']);
const AGENT_LABEL: Record<string, string> = { manager: 'Manager', supervisor: 'Supervisor', employee: 'Employee' };

/**
 * The terminal chat: the same core as the app, one conversation at a time, replies streamed as
 * they arrive. Lines are handled strictly in order, so piped input works like typing.
 */
// eslint-disable-next-line max-lines-per-function -- the terminal chat's read-eval loop with its commands; a start-up sequence: each step wires what the next one needs, read top to bottom
export async function runChatRepl(options: ReplOptions): Promise<void> {
  const { core, output, interactive } = options;
  const write = (text: string) => output.write(text);
  const dim = (text: string) => (interactive ? `\x1b[2m${text}\x1b[0m` : text);
  let conversationId: string | null = options.conversationId ?? null;
  const streamed = new Set<string>();

  const unsubscribe = core.events.subscribe((event: StewardEvent) => {
    if (!conversationId) return;
    switch (event.type) {
      case 'message.created':
        if (event.message.conversationId === conversationId && event.message.status === 'streaming') {
          streamed.add(event.message.id);
          write(`${speaker(event.message)} › `);
        }
        break;
      case 'message.delta':
        if (event.conversationId === conversationId && streamed.has(event.messageId)) write(event.delta);
        break;
      case 'message.completed':
        if (event.message.conversationId !== conversationId || event.message.role === 'user') break;
        if (streamed.delete(event.message.id)) write(event.message.status === 'error' ? `\n${dim('(reply ended with an error)')}\n` : '\n');
        else write(`${speaker(event.message)} › ${event.message.text}\n`);
        break;
      case 'agent.status':
        if (event.conversationId === conversationId) write(dim(`  [${AGENT_LABEL[event.role] ?? event.role}] ${event.text}\n`));
        break;
      case 'notification':
        write(dim(`  (${event.title}: ${event.body})\n`));
        break;
      default:
        break;
    }
  });

  write(`Steward terminal chat — ${dim('/help for commands')}\n`);
  const lines = createInterface({ input: options.input, terminal: false });
  const prompt = () => interactive && write('you › ');
  // Lines typed while Steward is answering wait their turn (and say so), instead of being lost
  // in the middle of a streamed reply.
  const queue = new LineQueue(lines);
  let busy = false;
  queue.onLineWhileBusy = (line) => {
    if (busy && interactive && line.trim()) write(dim(`  (queued — sent when Steward has answered: ${preview(line)})\n`));
  };
  prompt();
  try {
    for (;;) {
      const raw = await queue.next();
      if (raw === null) break;
      const line = raw.trim();
      if (line === '') {
        prompt();
        continue;
      }
      const [command, ...args] = line.split(/\s+/);
      if (command && TERMINAL_COMMANDS.has(command)) {
        if (command === '/exit' || command === '/quit') break;
        if (command === '/help') write(`${HELP_TEXT}\n`);
        else if (command === '/status') write(`${await statusText(core, conversationId)}\n`);
        else if (command === '/task') write(`${await taskText(core, args[0])}\n`);
        else if (command === '/clear') {
          if (interactive) write('\x1b[2J\x1b[H');
          conversationId = null;
          write('Started a new conversation.\n');
        }
        prompt();
        continue;
      }
      // Anything else, agent slash commands (/approve, /cancel, /answer …) included, goes to the agent.
      busy = true;
      try {
        const sent = await core.call('chat.send', { text: raw, conversationId: conversationId ?? undefined }, { actor: 'cli' });
        conversationId = sent.conversationId;
        await core.conversations.replyTo(sent.message.id);
      } catch (err) {
        write(`! ${toStewardError(err).userMessage}\n`);
      } finally {
        busy = false;
      }
      prompt();
    }
  } finally {
    unsubscribe();
    lines.close();
  }
}

function preview(line: string): string {
  const text = line.trim();
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Lines in the order they arrived, read one at a time; null once the input has ended. */
class LineQueue {
  private readonly lines: string[] = [];
  private waiting: ((line: string | null) => void) | null = null;
  private ended = false;
  onLineWhileBusy: ((line: string) => void) | null = null;

  constructor(source: Interface) {
    source.on('line', (line) => {
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = null;
        resolve(line);
        return;
      }
      this.lines.push(line);
      this.onLineWhileBusy?.(line);
    });
    source.on('close', () => {
      this.ended = true;
      this.waiting?.(null);
      this.waiting = null;
    });
  }

  next(): Promise<string | null> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

function speaker(message: Message): string {
  if (message.role === 'system') return 'notice';
  return message.agent ? AGENT_LABEL[message.agent] ?? 'steward' : 'steward';
}
