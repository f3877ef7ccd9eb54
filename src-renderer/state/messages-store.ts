import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentRole, Message, StewardApi, StewardEvent } from '../../src-preload/contract.js';
import { ApiError } from '../api/api-error.js';
import { parseIteration, type IterationInfo } from '../features/chat/agent-activity-text.js';
import { isTaskFinished } from './agent-work-store.js';

/** How many messages a thread loads at a time: the newest page first, older pages on scroll. */
export const THREAD_PAGE_SIZE = 200;

export interface Thread {
  messages: Message[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** Whether the server may hold messages older than the first one loaded (a full page came back). */
  hasOlder?: boolean;
  /** An older page is on its way, or failed (with the reason). */
  older?: { status: 'loading' } | { status: 'error'; error: string };
}

/** A message the user sent that the server has not confirmed yet (shown at once, "Sending…"). */
export interface PendingMessage {
  localId: string;
  /** null: the first message of a conversation that does not exist yet. */
  conversationId: string | null;
  text: string;
  createdAt: string;
}

/** The latest agent.status line of a conversation ("Manager is planning…"). */
export interface AgentActivity {
  role: AgentRole;
  text: string;
  taskId: string | null;
  /** The task's current iteration ("Iteration 2/3"), kept across later status lines of the same task. */
  iteration: IterationInfo | null;
}

/** A task in one of these states has no agent working on it any more. */

export interface MessagesState {
  threads: Record<string, Thread>;
  pending: PendingMessage[];
  activity: Record<string, AgentActivity>;

  /** Loads a conversation's recent messages, merging with anything events already delivered. */
  load(conversationId: string, options?: { force?: boolean }): Promise<void>;
  /** Loads the page of messages just before the oldest one shown (scrolling up). */
  loadOlder(conversationId: string): Promise<void>;
  /** Re-fetches every thread we hold, after a reconnect in which events may have been missed. */
  reloadAll(): Promise<void>;
  addPending(conversationId: string | null, text: string): PendingMessage;
  /** The server stored the message: swap the placeholder for the real one. */
  resolvePending(localId: string, message: Message): void;
  dropPending(localId: string): void;
  /** Moves a placeholder to the conversation its send is now addressed to. */
  retargetPending(localId: string, conversationId: string): void;
  applyEvent(event: StewardEvent): void;
  forget(conversationId: string): void;
  /** The Stop button: stops the reply being written; the thread updates from the events that follow. */
  stop(conversationId: string): Promise<void>;
}

export type MessagesStore = StoreApi<MessagesState>;

// eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
export function createMessagesStore(api: StewardApi, now: () => Date = () => new Date()): MessagesStore {
  const inFlight = new Map<string, Promise<void>>();
  let localSeq = 0;

  // eslint-disable-next-line max-lines-per-function -- a zustand store is one object literal of its state and actions, so every change to this state stays in one place
  return createStore<MessagesState>()((set, get) => {
    const updateThread = (conversationId: string, update: (thread: Thread) => Thread): void => {
      set((state) => {
        const thread = state.threads[conversationId];
        return thread ? { threads: { ...state.threads, [conversationId]: update(thread) } } : {};
      });
    };

    const fetchThread = async (conversationId: string): Promise<void> => {
      set((state) => ({
        threads: { ...state.threads, [conversationId]: { messages: state.threads[conversationId]?.messages ?? [], status: 'loading', error: null } },
      }));
      try {
        const loaded = await api.call('messages.list', { conversationId, limit: THREAD_PAGE_SIZE });
        updateThread(conversationId, (thread) => ({
          ...thread,
          messages: mergeMessages(thread.messages, loaded),
          status: 'ready',
          error: null,
          // A reload after a reconnect must not forget that older pages were already fetched.
          hasOlder: thread.hasOlder === false && thread.messages.length > loaded.length ? false : loaded.length === THREAD_PAGE_SIZE,
        }));
      } catch (err) {
        updateThread(conversationId, (thread) => ({ ...thread, status: 'error', error: ApiError.from(err).message }));
      }
    };

    return {
      threads: {},
      pending: [],
      activity: {},

      load(conversationId, options = {}) {
        const running = inFlight.get(conversationId);
        if (running) return running;
        if (!options.force && get().threads[conversationId]?.status === 'ready') return Promise.resolve();
        const promise = fetchThread(conversationId).finally(() => inFlight.delete(conversationId));
        inFlight.set(conversationId, promise);
        return promise;
      },

      async loadOlder(conversationId) {
        const thread = get().threads[conversationId];
        const oldest = thread?.messages[0];
        if (!thread || !oldest || !thread.hasOlder || thread.older?.status === 'loading') return;
        updateThread(conversationId, (t) => ({ ...t, older: { status: 'loading' } }));
        try {
          // The cursor is the oldest message's id (unique), so messages sharing a millisecond are never skipped.
          const page = await api.call('messages.list', { conversationId, limit: THREAD_PAGE_SIZE, beforeId: oldest.id });
          updateThread(conversationId, (t) => ({ ...t, messages: mergeMessages(t.messages, page), hasOlder: page.length === THREAD_PAGE_SIZE, older: undefined }));
        } catch (err) {
          updateThread(conversationId, (t) => ({ ...t, older: { status: 'error', error: ApiError.from(err).message } }));
        }
      },

      async reloadAll() {
        await Promise.all(Object.keys(get().threads).map((id) => get().load(id, { force: true })));
      },

      addPending(conversationId, text) {
        const pending: PendingMessage = { localId: `local-${++localSeq}`, conversationId, text, createdAt: now().toISOString() };
        set((state) => ({ pending: [...state.pending, pending] }));
        return pending;
      },

      resolvePending(localId, message) {
        set((state) => {
          const existing = state.threads[message.conversationId];
          // A brand-new conversation gets its thread right away, so the message never blinks out
          // between the placeholder going and the thread loading.
          const thread: Thread = existing ? { ...existing, messages: upsertMessage(existing.messages, message) } : { messages: [message], status: 'loading', error: null };
          return {
            pending: state.pending.filter((p) => p.localId !== localId),
            threads: { ...state.threads, [message.conversationId]: thread },
          };
        });
      },

      dropPending(localId) {
        set((state) => ({ pending: state.pending.filter((p) => p.localId !== localId) }));
      },

      retargetPending(localId, conversationId) {
        set((state) => ({ pending: state.pending.map((p) => (p.localId === localId ? { ...p, conversationId } : p)) }));
      },

      applyEvent(event) {
        switch (event.type) {
          case 'message.created':
          case 'message.completed': {
            const { message } = event;
            updateThread(message.conversationId, (thread) => ({ ...thread, messages: upsertMessage(thread.messages, message) }));
            if (message.role === 'user') {
              // Our own message echoed by the server: it replaces its placeholder at once.
              set((state) => ({ pending: withoutFirst(state.pending, (p) => p.conversationId === message.conversationId && p.text === message.text) }));
            } else if (event.type === 'message.completed') {
              set((state) => ({ activity: without(state.activity, message.conversationId) }));
            }
            return;
          }
          case 'message.delta':
            // A delta for a message we have not seen (it started while the thread was loading) is
            // skipped: message.completed carries the full text and heals the gap.
            updateThread(event.conversationId, (thread) => ({
              ...thread,
              messages: thread.messages.map((m) => (m.id === event.messageId && m.status === 'streaming' ? { ...m, text: m.text + event.delta } : m)),
            }));
            return;
          case 'agent.status':
            set((state) => ({ activity: { ...state.activity, [event.conversationId]: nextActivity(state.activity[event.conversationId], event) } }));
            return;
          case 'task.updated': {
            // A task that ended takes its typing indicator with it (no message may follow a cancel).
            if (!isTaskFinished(event.task)) return;
            const taskId = event.task.id;
            set((state) => {
              const ended = Object.keys(state.activity).filter((id) => state.activity[id]?.taskId === taskId);
              if (ended.length === 0) return {};
              const activity = { ...state.activity };
              for (const id of ended) delete activity[id];
              return { activity };
            });
            return;
          }
          case 'messages.replaced': {
            // A regenerate or an edit moved these aside: the thread shows what replaced them.
            const gone = new Set(event.messageIds);
            updateThread(event.conversationId, (thread) => ({ ...thread, messages: thread.messages.filter((m) => !gone.has(m.id)) }));
            return;
          }
          case 'conversation.deleted':
            get().forget(event.conversationId);
            return;
          default:
            return;
        }
      },

      async stop(conversationId) {
        try {
          await api.call('chat.stop', { conversationId });
        } catch {
          // Nothing was running any more, or the connection dropped: the events show what happened.
        }
      },

      forget(conversationId) {
        set((state) => ({
          threads: without(state.threads, conversationId),
          activity: without(state.activity, conversationId),
          pending: state.pending.filter((p) => p.conversationId !== conversationId),
        }));
      },
    };
  });
}

/**
 * The activity line after an agent.status event. The iteration counter stays while the same task
 * goes on ("Iteration 2/3" then "Reviewing step 1/1"), and goes when another task starts.
 */
export function nextActivity(
  previous: AgentActivity | undefined,
  event: { role: AgentRole; text: string; taskId: string | null },
): AgentActivity {
  const announced = parseIteration(event.text);
  const carried = previous && event.taskId !== null && previous.taskId === event.taskId ? previous.iteration : null;
  return { role: event.role, text: event.text, taskId: event.taskId, iteration: announced ?? carried };
}

/** Pending messages shown under a thread (conversationId null = the new-conversation view). */
export function pendingFor(state: Pick<MessagesState, 'pending'>, conversationId: string | null): PendingMessage[] {
  return state.pending.filter((p) => p.conversationId === conversationId);
}

/**
 * Union of what we had (from events) and what the server returned, ordered by time. For a reply
 * still streaming, our copy has every delta while the database copy is saved only every half
 * second, so the longer streaming text wins; a completed copy always wins.
 */
export function mergeMessages(current: Message[], loaded: Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const message of loaded) byId.set(message.id, message);
  for (const message of current) {
    const fromServer = byId.get(message.id);
    if (!fromServer) byId.set(message.id, message);
    else if (fromServer.status === 'streaming' && message.status !== 'streaming') byId.set(message.id, message);
    else if (fromServer.status === 'streaming' && message.status === 'streaming' && message.text.length > fromServer.text.length) byId.set(message.id, message);
  }
  return sortByTime([...byId.values()]);
}

function upsertMessage(list: Message[], message: Message): Message[] {
  const index = list.findIndex((m) => m.id === message.id);
  if (index === -1) return sortByTime([...list, message]);
  const next = list.slice();
  next[index] = message;
  return next;
}

/** Stable sort: messages created in the same millisecond keep their arrival order. */
function sortByTime(list: Message[]): Message[] {
  return list.slice().sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

function withoutFirst<T>(list: T[], predicate: (item: T) => boolean): T[] {
  const index = list.findIndex(predicate);
  return index === -1 ? list : [...list.slice(0, index), ...list.slice(index + 1)];
}
