/**
 * Intent evaluation: runs test/fixtures/intents.jsonl through an intent classifier and prints
 * accuracy, per-class precision/recall/F1, the confusion matrix and latency; writes the JSON to
 * bench/results/intent-eval-<timestamp>.json. Not part of CI: real numbers need a real model.
 *
 *   npm run eval:intent -- --provider scripted                      offline smoke test (keyword rules, no model)
 *   npm run eval:intent -- --provider local --model <file.gguf|name> [--gpu auto|cuda|cpu]
 *   npm run eval:intent -- --provider openai [--model gpt-4o-mini] [--base-url http://127.0.0.1:11434/v1]
 *                                            key from OPENAI_API_KEY (optional for a server on this machine)
 * Common: [--dataset path] [--limit N] [--concurrency N] [--out dir] [--quiet]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { LlmProvider } from '../src-main/core/llm/provider.js';
import { LocalLlamaProvider } from '../src-main/core/llm/local/local-llama-provider.js';
import { OpenAiCompatibleProvider } from '../src-main/core/llm/openai/openai-provider.js';
import { isLoopbackUrl } from '../src-main/core/llm/openai/cloud-provider-factory.js';
import { defaultDataDir } from '../src-main/core/paths.js';
import type { SecretStore } from '../src-main/core/ports.js';
import { StewardError } from '../src-main/core/errors.js';
import {
  createModelIntentClassifier,
  evaluationToolCatalogue,
  formatIntentEvalReport,
  createScriptedIntentProvider,
  loadIntentDataset,
  runIntentEval,
  writeIntentEvalResults,
  type IntentClassifier,
  type IntentEvalMeta,
} from './intent-eval/index.js';

const USAGE = 'usage: npm run eval:intent -- --provider <local|openai|scripted> [--model …] [--base-url …] [--dataset …] [--limit N] [--concurrency N] [--out dir]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      provider: { type: 'string' },
      model: { type: 'string' },
      'base-url': { type: 'string' },
      gpu: { type: 'string', default: 'auto' },
      dataset: { type: 'string', default: 'test/fixtures/intents.jsonl' },
      limit: { type: 'string' },
      concurrency: { type: 'string' },
      out: { type: 'string', default: 'bench/results' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help || !values.provider) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }

  const all = await loadIntentDataset(values.dataset);
  const limit = values.limit ? positiveInt(values.limit, '--limit') : all.length;
  const examples = all.slice(0, limit);

  let classifier: IntentClassifier;
  let provider: LlmProvider | null = null;
  const meta: IntentEvalMeta = { provider: values.provider, model: values.model ?? '', dataset: values.dataset, details: {} };
  let concurrency = values.concurrency ? positiveInt(values.concurrency, '--concurrency') : 4;

  switch (values.provider) {
    case 'scripted':
      // Same path as a real model (prompt, chatJson, schema), answered by keyword rules: a smoke test, not a score.
      provider = createScriptedIntentProvider(evaluationToolCatalogue().map((t) => t.name));
      meta.model = 'keyword-rules';
      meta.details = { note: 'ScriptedProvider answering with keyword rules written alongside the dataset; proves the pipeline, not a baseline' };
      break;
    case 'local': {
      if (!values.model) throw new StewardError('invalid_input', 'Give the local model with --model <file.gguf or name in the models folder>.');
      const modelPath = resolveLocalModel(values.model);
      const gpu = values.gpu as 'auto' | 'cuda' | 'vulkan' | 'metal' | 'cpu';
      if (!values.concurrency) concurrency = 4;
      const local = await LocalLlamaProvider.open({ modelPath, gpu, contextSize: 4096, sequences: concurrency });
      provider = local;
      const info = await local.info();
      meta.model = info.model;
      meta.details = { backend: info.backend, gpu: info.gpu, backendReason: info.backendReason, sequences: info.sequences, contextSize: info.contextSize };
      break;
    }
    case 'openai': {
      const baseUrl = values['base-url'] ?? 'https://api.openai.com/v1';
      const model = values.model ?? 'gpt-4o-mini';
      const key = process.env.OPENAI_API_KEY ?? null;
      if (!key && !isLoopbackUrl(baseUrl)) throw new StewardError('invalid_input', `Set OPENAI_API_KEY to call ${baseUrl}, or point --base-url at a server on this machine.`);
      provider = new OpenAiCompatibleProvider({ baseUrl, model, apiKey: key ? { mode: 'required', secrets: envKeyStore(key), account: 'eval' } : { mode: 'none' }, timeoutMs: 120_000 });
      meta.model = model;
      meta.details = { baseUrl };
      break;
    }
    default:
      console.error(`Unknown provider "${values.provider}". ${USAGE}`);
      return 2;
  }
  if (provider) {
    const tools = evaluationToolCatalogue();
    classifier = createModelIntentClassifier(provider, tools);
    meta.details = { ...meta.details, tools: tools.map((t) => t.name) };
  }

  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    const report = await runIntentEval({
      examples,
      classify: classifier!,
      concurrency,
      signal: controller.signal,
      onResult: values.quiet
        ? undefined
        : (r, done, total) => {
            if (done % 25 === 0 || done === total) process.stderr.write(`  ${done}/${total} classified\n`);
            if (r.error && done <= 3) process.stderr.write(`  example ${r.index + 1} failed: ${r.error}\n`);
          },
    });
    console.log(formatIntentEvalReport(report, meta));
    const file = await writeIntentEvalResults(report, meta, values.out);
    console.log(`\nResults written to ${file}`);
    return 0;
  } finally {
    await provider?.close();
  }
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new StewardError('invalid_input', `${flag} must be a whole number of at least 1 (got "${value}").`);
  return n;
}

/** A file path, or a model file name / catalog id in Steward's models folder. */
function resolveLocalModel(model: string): string {
  const candidates = [model, path.join(defaultDataDir(), 'models', model), path.join(defaultDataDir(), 'models', `${model}.gguf`)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new StewardError('model_missing', `No model "${model}" was found (looked in ${candidates.join(', ')}). Pass a .gguf path, or see \`npm run models -- list\`.`);
  return path.resolve(found);
}

/** The API key from the environment, offered through the SecretStore port the provider reads. */
function envKeyStore(key: string): SecretStore {
  return {
    backend: 'memory',
    status: async () => ({ backend: 'memory', available: true, message: 'API key from OPENAI_API_KEY.' }),
    get: async () => key,
    set: async () => undefined,
    delete: async () => false,
  };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof StewardError ? err.userMessage : err);
    process.exit(1);
  },
);
