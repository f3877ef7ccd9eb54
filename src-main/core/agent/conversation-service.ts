import type { AgentRole, Conversation, Message } from '../../../src-preload/contract.js';
import type { EventBus } from '../events.js';
import { performance } from 'node:perf_hooks';
import { StewardError, toStewardError } from '../errors.js';
import { ConversationControlsRepo } from '../store/conversation-controls-repo.js';
import type { ConversationRepo } from '../store/conversation-repo.js';
import type { StewardDatabase } from '../store/database.js';
import { UnconfiguredAssistant, type ConversationHandler, type ReplyChannel, type ReplyStats, type StreamingReply } from './conversation-handler.js';
import { replyMetrics } from './reply-metrics.js';

/** A regenerate or an edit: the user message being answered and how many messages were moved aside. */
export interface RerunResult {
  conversationId: string;
  message: Message;
  replaced: number;
}

export interface SendResult {
  conversationId: string;
  message: Message;
  /** Settles when the handler has finished answering, with every message it wrote. Never rejects. */
  reply: Promise<Message[]>;
}

const TITLE_CHARS = 60;
/** Streaming text is saved at most this often, so a crash loses at most this much of a reply. */
const STREAM_PERSIST_MS = 500;

/**
 * Conversations and the turn loop: stores the user's message, then lets the installed
 * ConversationHandler answer in the background. Turns in one conversation run one at a time.
 */
export class ConversationService {
  private handler: ConversationHandler = new UnconfiguredAssistant();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly running = new Map<string, AbortController>();
  /** Turns the user stopped (their reply says so), as opposed to aborts on delete or shutdown. */
  private readonly stoppedByUser = new WeakSet<AbortController>();
  /** Pending replies by the id of the user message they answer (for hosts that wait, like POST /api/chat). */
  private readonly replies = new Map<string, Promise<Message[]>>();
  /** Per-conversation settings, pin and folder, replaced messages (the chat controls). */
  readonly controls: ConversationControlsRepo;

  constructor(
    private readonly db: StewardDatabase,
    readonly repo: ConversationRepo,
    private readonly events: EventBus,
  ) {
    this.controls = new ConversationControlsRepo(db.raw, repo, repo.now);
  }

  setHandler(handler: ConversationHandler): void {
    this.handler = handler;
  }

  describeAssistant(): { configured: boolean; description: string } {
    return this.handler.describe();
  }

  /** personId: the signed-in person starting it (theirs from then on); null is the owner. */
  create(title?: string, personId: string | null = null): Conversation {
    const conversation = this.repo.create(title?.trim() || 'New conversation', personId);
    this.events.emit({ type: 'conversation.updated', conversation });
    return conversation;
  }

  rename(id: string, title: string): Conversation {
    const conversation = this.repo.rename(id, title);
    this.events.emit({ type: 'conversation.updated', conversation });
    return conversation;
  }

  delete(id: string): boolean {
    this.running.get(id)?.abort();
    const deleted = this.repo.delete(id);
    if (deleted) this.events.emit({ type: 'conversation.deleted', conversationId: id });
    return deleted;
  }

  /**
   * Stores the user's message (creating the conversation when none is given) and schedules the
   * reply. The caller's transaction commits before the reply starts, because the reply runs on a
   * later tick.
   */
  send(input: { conversationId?: string; text: string; personId?: string | null }): SendResult {
    const conversationId = input.conversationId ?? this.repo.create(titleFrom(input.text), input.personId ?? null).id;
    const message = this.repo.addMessage({ conversationId, role: 'user', agent: null, text: input.text, status: 'complete' });
    this.events.emit({ type: 'message.created', message });
    this.events.emit({ type: 'conversation.updated', conversation: this.repo.get(conversationId) });
    const reply = this.schedule(conversationId, message, input.personId ?? null);
    return { conversationId, message, reply };
  }

  /**
   * Answers the conversation's last user message again. The previous answer (everything after that
   * message) is moved aside, not deleted: messages.replaced lists it.
   */
  regenerate(conversationId: string, personId: string | null = null): RerunResult {
    this.ensureIdle(conversationId, 'regenerate');
    const message = this.controls.lastUserMessage(conversationId);
    if (!message) throw new StewardError('invalid_input', 'There is no message of yours to answer again in this conversation — send one first.');
    const replaced = this.replaceAfter(conversationId, message.id, false, 'regenerate');
    this.events.emit({ type: 'conversation.updated', conversation: this.repo.get(conversationId) });
    // Answered again for whoever asks now: their role is the one the new answer's tool calls meet.
    this.schedule(conversationId, message, personId);
    return { conversationId, message, replaced };
  }

  /**
   * Replaces a message the user sent with new text and answers it. That message and every later
   * one are moved aside (messages.replaced lists them); the new text is a new message.
   */
  edit(messageId: string, text: string, personId: string | null = null): RerunResult {
    const original = this.repo.getMessage(messageId);
    if (original.role !== 'user') throw new StewardError('invalid_input', 'Only messages you sent can be edited — this one was written by Steward. Use Regenerate to get a new answer instead.');
    this.ensureIdle(original.conversationId, 'edit a message');
    const replaced = this.replaceAfter(original.conversationId, messageId, true, 'edit');
    const { message } = this.send({ conversationId: original.conversationId, text, personId });
    return { conversationId: original.conversationId, message, replaced };
  }

  private ensureIdle(conversationId: string, what: string): void {
    if (!this.repo.exists(conversationId)) this.repo.get(conversationId);
    if (this.queues.has(conversationId)) {
      throw new StewardError('conflict', `Steward is still answering in this conversation, so it can’t ${what} yet. Press Stop (or Esc) first, then try again.`);
    }
  }

  private replaceAfter(conversationId: string, messageId: string, inclusive: boolean, reason: 'regenerate' | 'edit'): number {
    const ids = this.controls.replaceAfter(messageId, { inclusive, reason });
    if (ids.length > 0) this.events.emit({ type: 'messages.replaced', conversationId, messageIds: ids });
    return ids.length;
  }

  private schedule(conversationId: string, message: Message, personId: string | null): Promise<Message[]> {
    const reply = this.enqueue(conversationId, () => this.runTurn(conversationId, message, personId));
    this.replies.set(message.id, reply);
    void reply.finally(() => this.replies.delete(message.id));
    return reply;
  }

  /** The reply to a user message still being answered; null once it has finished. */
  replyTo(userMessageId: string): Promise<Message[]> | null {
    return this.replies.get(userMessageId) ?? null;
  }

  /** Waits for every running and queued turn (used on shutdown and in tests). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  abortAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  /**
   * Stops the reply being written in a conversation (the Stop button): the model call is aborted,
   * what was streamed so far is kept and marked stopped. False when nothing was running.
   */
  stop(conversationId: string): boolean {
    const controller = this.running.get(conversationId);
    if (!controller || controller.signal.aborted) return false;
    this.stoppedByUser.add(controller);
    controller.abort();
    return true;
  }

  private enqueue(conversationId: string, work: () => Promise<Message[]>): Promise<Message[]> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const next = previous.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(work);
    const tracked = next.finally(() => {
      if (this.queues.get(conversationId) === tracked) this.queues.delete(conversationId);
    });
    this.queues.set(conversationId, tracked);
    return next;
  }

  private async runTurn(conversationId: string, userMessage: Message, personId: string | null): Promise<Message[]> {
    const written: Message[] = [];
    if (!this.repo.exists(conversationId)) return written;
    const controller = new AbortController();
    this.running.set(conversationId, controller);
    const channel = this.channel(conversationId, written, controller.signal);
    // At once, before any model call: a local model can take many seconds to say its first word.
    this.events.emit({ type: 'agent.status', conversationId, taskId: null, role: 'manager', text: 'Thinking…' });
    try {
      await this.handler.respond({ conversationId, userMessage, signal: controller.signal, personId }, channel);
    } catch (err) {
      if (!controller.signal.aborted && this.repo.exists(conversationId)) {
        channel.say(`Sorry — I couldn’t finish that: ${toStewardError(err).userMessage}`, { role: 'system' });
      }
    } finally {
      this.running.delete(conversationId);
    }
    // Stopped before anything was written: say so, so the thread does not end on the question.
    if (this.stoppedByUser.has(controller) && written.length === 0 && this.repo.exists(conversationId)) {
      this.channel(conversationId, written, new AbortController().signal).say('Stopped.', { role: 'system' });
    }
    // Streamed replies were recorded when they started; return their final state.
    return this.repo.exists(conversationId) ? written.map((m) => this.repo.getMessage(m.id)) : [];
  }

  private channel(conversationId: string, written: Message[], signal: AbortSignal): ReplyChannel {
    const commit = (fn: () => Message): Message => {
      const message = this.events.deferWhile(() => this.db.transaction(fn));
      written.push(message);
      return message;
    };
    return {
      conversationId,
      say: (text, options = {}) =>
        commit(() => {
          const message = this.repo.addMessage({ conversationId, role: options.role ?? 'assistant', agent: options.agent ?? null, text, status: 'complete' });
          this.events.emit({ type: 'message.created', message });
          this.events.emit({ type: 'message.completed', message });
          return message;
        }),
      stream: (options = {}) => this.streamingReply(conversationId, options.agent ?? null, commit, signal),
      status: (role, text, taskId = null) => this.events.emit({ type: 'agent.status', conversationId, taskId, role, text }),
    };
  }

  private streamingReply(conversationId: string, agent: AgentRole | null, commit: (fn: () => Message) => Message, signal: AbortSignal): StreamingReply {
    const started = commit(() => {
      const message = this.repo.addMessage({ conversationId, role: 'assistant', agent, text: '', status: 'streaming' });
      this.events.emit({ type: 'message.created', message });
      return message;
    });
    let text = '';
    // Speed is measured here, where the text arrives: from the reply's start to its first piece, then pieces over time.
    const startedAt = performance.now();
    let firstAt: number | null = null;
    let lastPersist = Date.now();
    let done = false;
    let finished: Message | null = null;
    const finish = (finalText: string, status: Message['status'], stats?: ReplyStats): Message => {
      // Stopped replies are finished at the stop; the handler finishing later changes nothing.
      if (finished) return finished;
      done = true;
      // A reply with no streamed text (an empty answer) still records which model gave it; its wait is the whole call.
      const endedAt = performance.now();
      const metrics = stats ? replyMetrics({ startedAt, firstAt: firstAt ?? endedAt, endedAt, ...stats }) : undefined;
      const message = this.events.deferWhile(() =>
        this.db.transaction(() => {
          const updated = this.repo.updateMessage(started.id, { text: finalText, status, ...(metrics && { metrics }) });
          this.events.emit({ type: 'message.completed', message: updated });
          return updated;
        }),
      );
      finished = message;
      return message;
    };
    // The Stop button: keep what was written so far and say it was stopped.
    signal.addEventListener('abort', () => {
      if (!done && this.repo.exists(conversationId)) finish(text ? `${text}\n\n_(stopped)_` : '_(stopped)_', 'complete');
    }, { once: true });
    return {
      messageId: started.id,
      push: (delta) => {
        if (done || signal.aborted || delta.length === 0) return;
        firstAt ??= performance.now();
        text += delta;
        if (Date.now() - lastPersist >= STREAM_PERSIST_MS) {
          this.repo.updateMessage(started.id, { text, status: 'streaming' });
          lastPersist = Date.now();
        }
        this.events.emit({ type: 'message.delta', conversationId, messageId: started.id, delta });
      },
      complete: (finalText, stats) => finish(finalText ?? text, 'complete', stats),
      fail: (userMessage) => finish(text ? `${text}\n\n${userMessage}` : userMessage, 'error'),
    };
  }
}

function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line || 'New conversation';
}
