import type { StewardApi } from '../../src-preload/contract.js';
import { createAppStore, type AppStore } from './app-store.js';
import { createComposerStore, type ComposerStore } from './composer-store.js';
import { createConnectionStore, type ConnectionStore, type TransportKind } from './connection-store.js';
import { createConversationsStore, type ConversationsStore } from './conversations-store.js';
import { createMessagesStore, type MessagesStore } from './messages-store.js';
import { createQuickCommandStore, type QuickCommandStore } from './quick-command-store.js';
import { createCostStore, type CostStore } from './cost-store.js';
import { createWorkflowsStore, type WorkflowsStore } from './workflows-store.js';
import { createLlmStatusStore, type LlmStatusStore } from './llm-status-store.js';
import { createToolTitlesStore, type ToolTitlesStore } from './tool-titles-store.js';
import { createAgentWorkStore, type AgentWorkStore } from './agent-work-store.js';

export interface ChatStores {
  app: AppStore;
  connection: ConnectionStore;
  conversations: ConversationsStore;
  messages: MessagesStore;
  composer: ComposerStore;
  quick: QuickCommandStore;
  /** Session/today spend against the budget, pending estimates, local vs cloud split. */
  cost: CostStore;
  /** Learned workflows behind the chat's suggested automations. */
  workflows: WorkflowsStore;
  /** Whether any model can answer (the empty state's "No model installed" hint). */
  llm: LlmStatusStore;
  /** Approvals, clarifications and tasks with live progress: the cards in the thread, the badge, the task panel. */
  work: AgentWorkStore;
  /** Tools' human names for cards that carry only the tool id. */
  toolTitles: ToolTitlesStore;
}

/** Every store of the chat UI over one StewardApi, wired to its event stream. */
export interface ChatSession {
  readonly api: StewardApi;
  readonly stores: ChatStores;
  /** Subscribes to events and the connection, then loads app info and the conversation list. */
  start(): void;
  dispose(): void;
}

export function createChatStores(api: StewardApi, transport: TransportKind): ChatStores {
  const conversations = createConversationsStore(api);
  const messages = createMessagesStore(api);
  return {
    app: createAppStore(api),
    connection: createConnectionStore(transport),
    conversations,
    messages,
    composer: createComposerStore({ api, conversations, messages }),
    quick: createQuickCommandStore(api),
    cost: createCostStore(api),
    workflows: createWorkflowsStore(api),
    llm: createLlmStatusStore(api),
    toolTitles: createToolTitlesStore(api),
    work: createAgentWorkStore(api),
  };
}

export function createChatSession(api: StewardApi, transport: TransportKind): ChatSession {
  const stores = createChatStores(api, transport);
  const cleanups: (() => void)[] = [];
  let started = false;

  const resync = (): void => {
    void stores.app.getState().load();
    void stores.conversations.getState().load();
    void stores.messages.getState().reloadAll();
    void stores.cost.getState().loadEstimates();
    void stores.cost.getState().loadBreakdown();
    void stores.workflows.getState().load();
    void stores.llm.getState().load();
    void stores.work.getState().reloadAll();
    void stores.toolTitles.getState().load();
  };

  return {
    api,
    stores,
    start() {
      if (started) return;
      started = true;
      cleanups.push(
        api.onEvent((event) => {
          stores.messages.getState().applyEvent(event);
          stores.work.getState().applyEvent(event);
          stores.cost.getState().applyEvent(event);
          // New spend means new model calls: refresh the local/cloud split behind the cost widget.
          if (event.type === 'cost.updated') void stores.cost.getState().loadBreakdown();
          else if (event.type === 'memory.changed') void stores.workflows.getState().load();
          if (event.type === 'conversation.updated') stores.conversations.getState().upsert(event.conversation);
          else if (event.type === 'conversation.deleted') stores.conversations.getState().forget(event.conversationId);
          else if (event.type === 'settings.changed') {
            stores.app.getState().applySettings(event.settings);
            // A cloud model switched on or off changes whether anything can answer.
            void stores.llm.getState().load();
          } else if (event.type === 'model.download' && event.state === 'completed') void stores.llm.getState().load();
          else if (event.type === 'llm.status') stores.llm.getState().apply(event.status);
        }),
      );
      // Loading before the event stream is open can miss events, so every time the stream opens
      // (first connect or a reconnect) what we show is fetched again. IPC reports 'open' right
      // here, before the first load, so it loads once.
      let loaded = false;
      cleanups.push(
        api.onConnectionChange((state) => {
          stores.connection.getState().setState(state);
          if (state === 'open' && loaded) resync();
        }),
      );
      // Opening a conversation loads its messages.
      cleanups.push(
        stores.conversations.subscribe((state, previous) => {
          if (state.activeId && state.activeId !== previous.activeId) {
            void stores.messages.getState().load(state.activeId);
            void stores.work.getState().loadConversation(state.activeId);
          }
        }),
      );
      loaded = true;
      resync();
      const { activeId } = stores.conversations.getState();
      if (activeId) {
        void stores.messages.getState().load(activeId);
        void stores.work.getState().loadConversation(activeId);
      }
    },
    dispose() {
      for (const cleanup of cleanups.splice(0)) cleanup();
      started = false;
    },
  };
}
