import type { ChatImage, ChatJsonRequest, ChatJsonResult, ChatMessage, ChatRequest, ChatResult, ConversationModel, LlmProvider, ProviderInfo } from '../llm/provider.js';
import type { BudgetLedger } from '../tools/budget-ledger.js';

/**
 * The model a conversation's calls are pinned to: a slot, for another installed local model its id,
 * for a cloud provider chosen by name its id. slot null: the router decides, and `note` says why
 * the conversation's choice could not be kept (its cloud provider was removed).
 */
export interface ModelPin {
  slot: 'local' | 'cloud' | null;
  localModel: string | null;
  cloudProvider?: string | null;
  note?: string;
}

/** The model a conversation is pinned to (its model choice in the chat header); null = the router decides. */
export type SlotFor = (conversationId: string) => ModelPin | null;

export interface CallScope {
  taskId: string | null;
  conversationId: string | null;
}

/**
 * The agent's door to the model: checks the budget before a call made for a task and records
 * what each call cost (cloud models; local ones cost nothing and record nothing).
 */
export class ModelCaller {
  private infoCache: { at: number; info: ProviderInfo } | null = null;
  /** Images attached to the message a conversation's current turn answers (see showImages). */
  private readonly images = new Map<string, ChatImage[]>();

  constructor(
    readonly provider: LlmProvider,
    private readonly budget: BudgetLedger,
    private readonly slotFor: SlotFor = () => null,
    /** Shows a line in the conversation while its chosen local model loads (“Loading <model>…”). */
    private readonly onStatus: (conversationId: string, text: string) => void = () => undefined,
  ) {}

  /**
   * Where calls made about a conversation outside its answers must stay (memory learning from it):
   * its chosen slot and cloud provider, without the chosen local model (memory uses whichever
   * local model is loaded rather than swap models for a background call). null: the router picks.
   */
  conversationModel(conversationId: string): ConversationModel | null {
    const pin = this.slotFor(conversationId);
    if (!pin?.slot) return null;
    return { slot: pin.slot, ...(pin.cloudProvider && { cloudProvider: pin.cloudProvider }) };
  }

  /** Provider facts (context size) — cached briefly: the router may switch models between turns. */
  async info(): Promise<ProviderInfo> {
    const now = Date.now();
    if (this.infoCache && now - this.infoCache.at < 5_000) return this.infoCache.info;
    const info = await this.provider.info();
    this.infoCache = { at: now, info };
    return info;
  }

  async chat(request: ChatRequest, scope: CallScope): Promise<ChatResult> {
    if (scope.taskId) this.budget.check(0, scope.taskId);
    const result = await this.provider.chat(this.pinned(request, scope));
    this.record(result, scope);
    return result;
  }

  async chatJson<T>(request: ChatJsonRequest<T>, scope: CallScope): Promise<ChatJsonResult<T>> {
    if (scope.taskId) this.budget.check(0, scope.taskId);
    const result = await this.provider.chatJson(this.pinned(request, scope));
    this.record(result, scope);
    return result;
  }

  /**
   * Gives these images with the user's message to every call the conversation makes until the
   * returned function is called (the end of the turn): the intent, the answer, a simple action's
   * arguments. The router sends them only to a model that reads images. Tasks started by the turn
   * work from its text.
   */
  showImages(conversationId: string, images: ChatImage[]): () => void {
    if (images.length === 0) return () => undefined;
    this.images.set(conversationId, images);
    return () => {
      if (this.images.get(conversationId) === images) this.images.delete(conversationId);
    };
  }

  /** Every call made for a conversation goes to the model chosen for it (intent, answers, task steps), with the turn's images. */
  private pinned<R extends { slot?: 'local' | 'cloud'; localModel?: string; cloudProvider?: string; onModelLoading?: (model: string) => void; messages: ChatMessage[] }>(request: R, scope: CallScope): R {
    if (!scope.conversationId) return request;
    const pin = request.slot ? null : this.slotFor(scope.conversationId);
    const images = scope.taskId ? undefined : this.images.get(scope.conversationId);
    if (pin?.note) this.onStatus(scope.conversationId, pin.note);
    return {
      ...request,
      ...(pin?.slot && { slot: pin.slot }),
      ...(pin?.cloudProvider && { cloudProvider: pin.cloudProvider }),
      ...(pin?.localModel && { localModel: pin.localModel, onModelLoading: (model: string) => this.onStatus(scope.conversationId!, `Loading ${model}…`) }),
      ...(images && { messages: withImagesOnLastUserMessage(request.messages, images) }),
    };
  }

  private record(result: Pick<ChatResult, 'usage' | 'provider' | 'costUsd'>, scope: CallScope): void {
    const { usage, provider } = result;
    // The router prices the call at the provider that answered it (a conversation's chosen cloud provider, or 0 on this computer).
    const cost = result.costUsd ?? this.provider.estimateCost(usage);
    // Outside any transaction: record() writes one row and then emits, so the event follows the commit.
    this.budget.record({ amountUsd: cost, source: `model:${provider}`, taskId: scope.taskId, conversationId: scope.conversationId });
  }
}

/** The images go with the last user message of the request: the message they were attached to. */
function withImagesOnLastUserMessage(messages: ChatMessage[], images: ChatImage[]): ChatMessage[] {
  const index = messages.findLastIndex((m) => m.role === 'user');
  if (index < 0) return messages;
  return messages.map((m, i) => (i === index && m.role === 'user' ? { ...m, images } : m));
}
