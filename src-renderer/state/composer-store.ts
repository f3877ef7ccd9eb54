import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StewardApi } from '../../src-preload/contract.js';
import { ApiError, fieldMessage } from '../api/api-error.js';
import type { ConversationsStore } from './conversations-store.js';
import type { MessagesStore } from './messages-store.js';

/** Draft key of the new-conversation view (conversation ids are never this short word). */
export const NEW_CONVERSATION_KEY = 'new';
export const draftKey = (conversationId: string | null): string => conversationId ?? NEW_CONVERSATION_KEY;

export interface SendFailure {
  code: string;
  message: string;
}

export type SendOutcome = { ok: true; conversationId: string } | { ok: false; error: ApiError | null };

export interface ComposerState {
  /** One draft per conversation, so switching conversations or losing the connection loses nothing. */
  drafts: Record<string, string>;
  /** The last failed send per conversation, shown under the composer until the draft is edited. */
  errors: Record<string, SendFailure>;

  /** Bumped when something outside the box (a quick action) wants the cursor in it. */
  focusRequest: number;

  setDraft(conversationId: string | null, text: string): void;
  /** Puts words in the box for the user to finish (a quick action) and asks for focus. */
  prefill(conversationId: string | null, text: string): void;
  /**
   * Sends a ready-made message (a quick action) without touching the draft being typed; if it
   * fails, the text lands in the box with the reason, like a failed send of the draft.
   */
  sendText(conversationId: string | null, text: string): Promise<SendOutcome>;
  /**
   * Sends the draft: it shows at once as a pending message and the box clears; if the server
   * refuses it, the placeholder goes, the text comes back into the box and the reason is shown.
   */
  send(conversationId: string | null): Promise<SendOutcome>;
  clearError(conversationId: string | null): void;
}

export type ComposerStore = StoreApi<ComposerState>;

export function createComposerStore(deps: { api: StewardApi; conversations: ConversationsStore; messages: MessagesStore }): ComposerStore {
  const { api, conversations, messages } = deps;
  /**
   * The conversation being created by a first message still in flight. A second message sent
   * from the new-conversation view before it lands goes into that conversation, not a new one.
   */
  let creating: Promise<string | null> | null = null;

  const store = createStore<ComposerState>()((set, get) => ({
    drafts: {},
    errors: {},
    focusRequest: 0,

    setDraft(conversationId, text) {
      const key = draftKey(conversationId);
      set((state) => ({ drafts: { ...state.drafts, [key]: text }, errors: omit(state.errors, key) }));
    },

    prefill(conversationId, text) {
      get().setDraft(conversationId, text);
      set((state) => ({ focusRequest: state.focusRequest + 1 }));
    },

    clearError(conversationId) {
      set((state) => ({ errors: omit(state.errors, draftKey(conversationId)) }));
    },

    async send(conversationId) {
      const key = draftKey(conversationId);
      const text = get().drafts[key] ?? '';
      if (text.trim() === '') return { ok: false, error: null };
      set((state) => ({ drafts: { ...state.drafts, [key]: '' }, errors: omit(state.errors, key) }));
      return deliver(conversationId, text);
    },

    async sendText(conversationId, text) {
      if (text.trim() === '') return { ok: false, error: null };
      set((state) => ({ errors: omit(state.errors, draftKey(conversationId)) }));
      return deliver(conversationId, text);
    },
  }));

  return store;

  /** Shows the message at once as pending, sends it, and on failure puts it back in the box with the reason. */
  async function deliver(conversationId: string | null, text: string): Promise<SendOutcome> {
    const pending = messages.getState().addPending(conversationId, text);
    let target = conversationId;
    if (!target && creating) {
      target = await creating;
      if (target) messages.getState().retargetPending(pending.localId, target);
    }
    const creation = target ? null : deferred<string | null>();
    if (creation) creating = creation.promise;
    try {
      const result = await api.call('chat.send', target ? { conversationId: target, text } : { text });
      creation?.settle(result.conversationId);
      messages.getState().resolvePending(pending.localId, result.message);
      if (!target) {
        // Open the conversation the first message created, unless the user has moved on.
        if (conversations.getState().activeId === null) conversations.getState().select(result.conversationId);
        // Normally conversation.updated already added it; without live events, ask for the list.
        if (!conversations.getState().conversations.some((c) => c.id === result.conversationId)) void conversations.getState().load();
      }
      void messages.getState().load(result.conversationId);
      return { ok: true, conversationId: result.conversationId };
    } catch (err) {
      creation?.settle(null);
      const error = ApiError.from(err);
      messages.getState().dropPending(pending.localId);
      // Back into the box of the conversation it was sent to (the one now on screen).
      const restoreKey = draftKey(target);
      store.setState((state) => {
        const typedSince = state.drafts[restoreKey] ?? '';
        return {
          drafts: { ...state.drafts, [restoreKey]: typedSince ? `${text}\n${typedSince}` : text },
          errors: { ...state.errors, [restoreKey]: { code: error.code, message: fieldMessage(error, 'text', 'Message') } },
        };
      });
      return { ok: false, error };
    } finally {
      if (creation) creating = null;
    }
  }
}

function deferred<T>(): { promise: Promise<T>; settle: (value: T) => void } {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (settle = resolve));
  return { promise, settle };
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}
