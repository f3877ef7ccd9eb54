import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StewardApi } from '../../src-preload/contract.js';
import { ApiError, fieldMessage } from '../api/api-error.js';

export type QuickCommandStatus = 'idle' | 'sending' | 'sent' | 'error';

export interface QuickCommandState {
  draft: string;
  status: QuickCommandStatus;
  /** One line for the user: the confirmation after a send, or why it failed. */
  line: string | null;
  lastConversationId: string | null;
  setDraft(text: string): void;
  /** Sends the draft as the first message of a new conversation; keeps it if the send fails. */
  send(): Promise<void>;
}

export type QuickCommandStore = StoreApi<QuickCommandState>;

const PREVIEW_CHARS = 48;

export function createQuickCommandStore(api: StewardApi): QuickCommandStore {
  return createStore<QuickCommandState>()((set, get) => ({
    draft: '',
    status: 'idle',
    line: null,
    lastConversationId: null,
    setDraft(text) {
      set({ draft: text, ...(get().status === 'error' ? { status: 'idle' as const, line: null } : {}) });
    },
    async send() {
      const text = get().draft;
      if (text.trim() === '' || get().status === 'sending') return;
      set({ status: 'sending', line: null });
      try {
        const result = await api.call('chat.send', { text });
        set({ draft: '', status: 'sent', line: `Sent “${preview(text)}” — Steward is on it.`, lastConversationId: result.conversationId });
      } catch (err) {
        set({ status: 'error', line: fieldMessage(ApiError.from(err), 'text', 'Message') });
      }
    },
  }));
}

function preview(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS - 1)}…` : line;
}
