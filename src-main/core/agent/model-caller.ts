import type { ChatJsonRequest, ChatJsonResult, ChatRequest, ChatResult, LlmProvider, ProviderInfo } from '../llm/provider.js';
import type { BudgetLedger } from '../tools/budget-ledger.js';

/** The provider a conversation's calls are pinned to (its model choice in the chat header); null = the router decides. */
export type SlotFor = (conversationId: string) => 'local' | 'cloud' | null;

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

  constructor(
    readonly provider: LlmProvider,
    private readonly budget: BudgetLedger,
    private readonly slotFor: SlotFor = () => null,
  ) {}

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
    this.record(result.usage, result.provider, scope);
    return result;
  }

  async chatJson<T>(request: ChatJsonRequest<T>, scope: CallScope): Promise<ChatJsonResult<T>> {
    if (scope.taskId) this.budget.check(0, scope.taskId);
    const result = await this.provider.chatJson(this.pinned(request, scope));
    this.record(result.usage, result.provider, scope);
    return result;
  }

  /** Every call made for a conversation goes to the model chosen for it (intent, answers, task steps). */
  private pinned<R extends { slot?: 'local' | 'cloud' }>(request: R, scope: CallScope): R {
    if (request.slot || !scope.conversationId) return request;
    const slot = this.slotFor(scope.conversationId);
    return slot ? { ...request, slot } : request;
  }

  private record(usage: ChatResult['usage'], provider: string, scope: CallScope): void {
    const cost = this.provider.estimateCost(usage);
    // Outside any transaction: record() writes one row and then emits, so the event follows the commit.
    this.budget.record({ amountUsd: cost, source: `model:${provider}`, taskId: scope.taskId, conversationId: scope.conversationId });
  }
}
