/**
 * POST /v1/chat/completions: n answers (one generation each), streamed or not, with tools —
 * tool_choice "required" or a named function forced by grammar — or response_format.
 */
import type { ServerResponse } from 'node:http';
import type { ChatRequest } from '../provider.js';
import {
  chunkObject,
  completionId,
  completionObject,
  requestedJsonSchema,
  toChatMessages,
  toToolDefinitions,
  totalUsage,
  usageChunkObject,
  wireFinishReason,
  wireToolCalls,
  type CompletionAnswer,
} from './chat-translation.js';
import { forcedToolCall } from './forced-tool-call.js';
import { answerTokenLimit, requireServedModel, type HandlerContext } from './handler-context.js';
import { endEventStream, sendEvent, sendJson, startEventStream } from './http-io.js';
import { badRequest } from './openai-error-body.js';
import { refuseUnsupportedParameters, samplingOf } from './sampling-params.js';
import type { ChatCompletionBody } from './wire-schemas.js';

export async function handleChat(res: ServerResponse, body: ChatCompletionBody, ctx: HandlerContext, signal: AbortSignal): Promise<void> {
  requireServedModel(ctx, body.model);
  refuseUnsupportedParameters(body);
  const messages = toChatMessages(body.messages);
  const tools = toToolDefinitions(body);
  const json = requestedJsonSchema(body);
  if (json && tools) throw badRequest("Steward's local API cannot combine tools and response_format in one request; send one or the other.", 'response_format');
  const forced = forcedToolCall(body, tools);
  const sampling = samplingOf(body);
  const common: Omit<ChatRequest, 'tools' | 'onToken'> = {
    messages,
    signal,
    role: ctx.role,
    maxTokens: await answerTokenLimit(ctx, body.max_completion_tokens ?? body.max_tokens, messages),
    ...(typeof body.temperature === 'number' && { temperature: body.temperature }),
    ...(sampling && { sampling }),
  };
  const id = completionId();
  const created = Math.floor(Date.now() / 1000);
  const stream = body.stream === true;
  const choices = body.n ?? 1;

  // The stream starts with the first piece of text, so a model that fails at once still gets a real HTTP error status.
  let streaming = false;
  const open = (index: number) => {
    if (!streaming) {
      streaming = true;
      startEventStream(res);
    }
    if (!started.has(index)) {
      started.add(index);
      sendEvent(res, chunkObject(id, created, ctx.modelName, { role: 'assistant', content: '' }, null, index));
    }
  };
  const started = new Set<number>();

  const answers: CompletionAnswer[] = [];
  // One after another: each answer is a full generation, and parallel ones would only compete for the same cores.
  for (let index = 0; index < choices; index++) {
    let answer: CompletionAnswer;
    if (forced) {
      const result = await ctx.provider.chatJson({ ...common, schema: forced.schema, schemaName: forced.schemaName });
      const call = { id: `call_${completionId().slice('chatcmpl-'.length)}`, name: result.value.name, arguments: result.value.arguments };
      answer = { text: '', toolCalls: [call], finishReason: 'tool_calls', usage: result.usage, model: result.model };
    } else if (json) {
      const result = await ctx.provider.chatJson({ ...common, schema: json.schema, schemaName: json.name });
      answer = { text: JSON.stringify(result.value), toolCalls: [], finishReason: 'stop', usage: result.usage, model: result.model };
      if (stream) {
        open(index);
        sendEvent(res, chunkObject(id, created, ctx.modelName, { content: answer.text }, null, index));
      }
    } else {
      answer = await ctx.provider.chat({
        ...common,
        ...(tools && { tools }),
        ...(stream && {
          onToken: (piece: string) => {
            open(index);
            sendEvent(res, chunkObject(id, created, ctx.modelName, { content: piece }, null, index));
          },
        }),
      });
    }
    if (signal.aborted) return;
    answers.push(answer);
    if (stream) {
      open(index);
      if (answer.toolCalls.length) sendEvent(res, chunkObject(id, created, answer.model, { tool_calls: wireToolCalls(answer.toolCalls) }, null, index));
      sendEvent(res, chunkObject(id, created, answer.model, {}, wireFinishReason(answer.finishReason), index));
    }
  }

  if (!stream) {
    sendJson(res, 200, completionObject(id, created, answers));
    return;
  }
  if (body.stream_options?.include_usage === true) sendEvent(res, usageChunkObject(id, created, answers[0]?.model ?? ctx.modelName, totalUsage(answers)));
  endEventStream(res);
}
