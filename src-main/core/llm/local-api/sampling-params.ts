/**
 * OpenAI request parameters → Steward's SamplingOptions, and the parameters the local engine
 * cannot honour, refused by name. node-llama-cpp implements top_p, seed, stop and the two
 * penalties; it exposes no token log-probabilities, and the rest below change the answer in ways
 * llama.cpp cannot reproduce, so answering without them would silently give the client something
 * else than it asked for.
 */
import type { SamplingOptions } from '../provider.js';
import { badRequest } from './openai-error-body.js';

interface SamplingBody {
  top_p?: number | null;
  seed?: number | null;
  stop?: string | string[] | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
}

export function samplingOf(body: SamplingBody): SamplingOptions | undefined {
  const sampling: SamplingOptions = {
    ...(typeof body.top_p === 'number' && { topP: body.top_p }),
    ...(typeof body.seed === 'number' && { seed: body.seed }),
    ...(body.stop != null && { stop: typeof body.stop === 'string' ? [body.stop] : body.stop }),
    ...(typeof body.presence_penalty === 'number' && { presencePenalty: body.presence_penalty }),
    ...(typeof body.frequency_penalty === 'number' && { frequencyPenalty: body.frequency_penalty }),
  };
  return Object.keys(sampling).length ? sampling : undefined;
}

/** Parameter → why it cannot be honoured. Checked only when the client actually turns it on. */
const REFUSED: Record<string, { on: (value: unknown) => boolean; why: string }> = {
  logprobs: {
    on: (v) => v === true || (typeof v === 'number' && v > 0),
    why: "Steward's local engine (node-llama-cpp) does not report token log-probabilities. Leave 'logprobs' out or set it to false.",
  },
  top_logprobs: { on: (v) => typeof v === 'number' && v > 0, why: "Steward's local engine does not report token log-probabilities. Leave 'top_logprobs' out." },
  logit_bias: {
    on: (v) => !!v && typeof v === 'object' && Object.keys(v).length > 0,
    why: "'logit_bias' refers to OpenAI token ids, which mean other tokens in a local model. Leave it out.",
  },
  suffix: { on: (v) => typeof v === 'string' && v.length > 0, why: "Fill-in-the-middle ('suffix') is not supported by the local engine. Leave it out." },
  best_of: { on: (v) => typeof v === 'number' && v > 1, why: "'best_of' needs log-probabilities, which the local engine does not report. Use 'n' for several answers." },
  audio: { on: (v) => v != null, why: 'The local model answers in text only. Leave \'audio\' out.' },
  modalities: { on: (v) => Array.isArray(v) && v.some((m) => m !== 'text'), why: "The local model answers in text only. Set 'modalities' to [\"text\"] or leave it out." },
  prediction: { on: (v) => v != null, why: "Predicted outputs ('prediction') are not supported by the local engine. Leave it out." },
  web_search_options: { on: (v) => v != null, why: 'The local model cannot search the web. Leave \'web_search_options\' out.' },
};

export function refuseUnsupportedParameters(body: Record<string, unknown>): void {
  for (const [param, rule] of Object.entries(REFUSED)) {
    if (param in body && rule.on(body[param])) throw badRequest(rule.why, param, 'unsupported_parameter');
  }
}
