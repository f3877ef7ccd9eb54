/** What every local API endpoint needs to know about the model it serves. */
import type { CallerRole, ChatMessage, LlmProvider } from '../provider.js';
import { HttpApiError } from './openai-error-body.js';

export interface HandlerContext {
  provider: LlmProvider;
  modelName: string;
  /** Tokens one request can hold (prompt + answer); an answer without max_tokens may use the rest. */
  contextSize: number;
  created: number;
  role: CallerRole;
}

/** /v1/models lists one model; a request for any other gets the same 404 retrieving it would. */
export function requireServedModel(ctx: HandlerContext, model: string): void {
  if (model !== ctx.modelName) throw modelNotFound(ctx, model);
}

export function modelNotFound(ctx: HandlerContext, model: string): HttpApiError {
  return new HttpApiError(404, `The model '${model}' does not exist here; this server serves '${ctx.modelName}' (see GET /v1/models).`, {
    param: 'model',
    code: 'model_not_found',
  });
}

/**
 * The answer's token limit: the client's, or else whatever room the context leaves after the
 * prompt — never a hidden cap shorter than what the model could write.
 */
export async function answerTokenLimit(ctx: HandlerContext, requested: number | null | undefined, messages: ChatMessage[]): Promise<number> {
  if (typeof requested === 'number') return requested;
  const promptTokens = await ctx.provider.countTokens(messages.map((m) => m.content).join('\n'));
  // Chat templates add tokens around each message and the answer's opening; leave room for them.
  return Math.max(1, ctx.contextSize - promptTokens - 16 * messages.length - 32);
}
