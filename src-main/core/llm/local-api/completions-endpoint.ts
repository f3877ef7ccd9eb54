/**
 * POST /v1/completions, the legacy text-completion endpoint some tools still call. Steward's
 * providers are chat models, so each prompt is sent as one user message through the model's chat
 * template; everything else follows OpenAI's shape: `text_completion`
 * objects, n answers per prompt, echo, stop, streaming, and max_tokens defaulting to 16 as OpenAI's does.
 */
import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { ChatResult, TokenUsage } from '../provider.js';
import { wireFinishReason, wireUsage } from './chat-translation.js';
import { requireServedModel, type HandlerContext } from './handler-context.js';
import { endEventStream, sendEvent, sendJson, startEventStream } from './http-io.js';
import { refuseUnsupportedParameters, samplingOf } from './sampling-params.js';
import type { CompletionBody } from './wire-schemas.js';

/** OpenAI's documented default for this endpoint. */
const DEFAULT_MAX_TOKENS = 16;

export async function handleCompletions(res: ServerResponse, body: CompletionBody, ctx: HandlerContext, signal: AbortSignal): Promise<void> {
  requireServedModel(ctx, body.model);
  refuseUnsupportedParameters(body);
  const prompts = typeof body.prompt === 'string' ? [body.prompt] : body.prompt;
  const sampling = samplingOf(body);
  const id = `cmpl-${randomBytes(12).toString('hex')}`;
  const created = Math.floor(Date.now() / 1000);
  const stream = body.stream === true;
  const perPrompt = body.n ?? 1;
  const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  const choices: { text: string; index: number; finish_reason: string; logprobs: null }[] = [];
  let model = ctx.modelName;

  const chunk = (index: number, text: string, finishReason: string | null) => ({
    id,
    object: 'text_completion' as const,
    created,
    model,
    choices: [{ text, index, finish_reason: finishReason, logprobs: null }],
  });
  let streaming = false;
  const open = () => {
    if (!streaming) startEventStream(res);
    streaming = true;
  };

  for (const [promptIndex, prompt] of prompts.entries()) {
    for (let k = 0; k < perPrompt; k++) {
      const index = promptIndex * perPrompt + k;
      if (stream && body.echo) {
        open();
        sendEvent(res, chunk(index, prompt, null));
      }
      const result: ChatResult = await ctx.provider.chat({
        messages: [{ role: 'user', content: prompt }],
        signal,
        role: ctx.role,
        maxTokens: body.max_tokens ?? DEFAULT_MAX_TOKENS,
        ...(typeof body.temperature === 'number' && { temperature: body.temperature }),
        ...(sampling && { sampling }),
        ...(stream && {
          onToken: (piece: string) => {
            open();
            sendEvent(res, chunk(index, piece, null));
          },
        }),
      });
      if (signal.aborted) return;
      model = result.model;
      // The prompt is read once per answer; count it once per prompt like OpenAI does.
      if (k === 0) usage.promptTokens += result.usage.promptTokens;
      usage.completionTokens += result.usage.completionTokens;
      const finishReason = wireFinishReason(result.finishReason === 'tool_calls' ? 'stop' : result.finishReason);
      choices.push({ text: (body.echo ? prompt : '') + result.text, index, finish_reason: finishReason, logprobs: null });
      if (stream) {
        open();
        sendEvent(res, chunk(index, '', finishReason));
      }
    }
  }

  if (!stream) {
    sendJson(res, 200, { id, object: 'text_completion', created, model, choices, usage: wireUsage(usage) });
    return;
  }
  if (body.stream_options?.include_usage === true) sendEvent(res, { id, object: 'text_completion', created, model, choices: [], usage: wireUsage(usage) });
  endEventStream(res);
}
