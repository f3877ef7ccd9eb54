/**
 * Memory retrieval evaluation (`npm run eval:memory`): recall@5, recall@10, hit@10 and MRR per
 * question type for Steward's memory beside plain FTS5 BM25 over the same turns, plus ingest
 * speed and query latency. Writes bench/results/memory-eval-<embedder>-<timestamp>.json.
 *
 *   npm run eval:memory                              no model (keyword search, as shipped without one)
 *   npm run eval:memory -- --embedder hashing        the feature-hashing embedder (a weak embedder)
 *   npm run eval:memory -- --embedder tiny           the tests' random-weight GGUF through node-llama-cpp
 *   npm run eval:memory -- --embedder <file.gguf>    a real embedding model (384 dimensions, e.g. bge-small)
 *   npm run eval:memory -- --embedder hashing --vector-weight 1    the same embedder trusted at full weight (as before the quality check)
 *   npm run eval:memory -- --reranker tiny                         the tests' random-weight reranker GGUF (judged by its quality check)
 *   npm run eval:memory -- --reranker tiny --reranker-weight 1     the same reranker trusted at full weight (what the check prevents)
 *   npm run eval:memory -- --reranker <file.gguf>                  a real reranking model (e.g. qwen3-reranker-0.6b-q8_0)
 * Common: [--workspaces N] [--out dir] [--quiet]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LocalLlamaProvider } from '../src-main/core/llm/local/local-llama-provider.js';
import { providerEmbedder, type Embedder } from '../src-main/core/memory/embedder.js';
import { providerReranker, type Reranker } from '../src-main/core/memory/reranker.js';
import { createHashingEmbedder } from '../src-main/core/memory/hashing-embedder.js';
import { MEMORY_VECTOR_DIMENSIONS } from '../src-main/core/store/migrations/0003-memory.js';
import { evaluate, loadCorpus, type EvalResult, type Scores } from './memory-eval/evaluate.js';

const USAGE =
  'usage: npm run eval:memory -- [--embedder none|hashing|tiny|<file.gguf>] [--vector-weight 0..1] [--reranker none|tiny|<file.gguf>] [--reranker-weight 0..1] [--workspaces N] [--out dir] [--quiet]';

/** The reranker runs inside a local provider, which needs a chat model: the tests' tiny one (loaded, never asked). */
async function rerankerFor(spec: string): Promise<{ reranker: Reranker | null; close: () => Promise<void> }> {
  if (spec === 'none') return { reranker: null, close: async () => undefined };
  const { tinyLlamaGgufPath } = await import('../test/helpers/tiny-gguf.js');
  const modelPath = spec === 'tiny' ? tinyLlamaGgufPath({ ranking: true, seed: 16, blockCount: 1 }) : spec;
  if (!existsSync(modelPath)) throw new Error(`--reranker ${spec}: no such file. Give none, tiny or the path of a reranking .gguf.`);
  const provider = await LocalLlamaProvider.open({ modelPath: tinyLlamaGgufPath({ seed: 16, blockCount: 1 }), rerankerModelPath: modelPath, sequences: 1, contextSize: 512 });
  return { reranker: providerReranker(provider), close: () => provider.close() };
}

async function embedderFor(spec: string): Promise<{ make: (() => Promise<Embedder | null>) | null; close: () => Promise<void> }> {
  if (spec === 'none') return { make: null, close: async () => undefined };
  if (spec === 'hashing') return { make: async () => createHashingEmbedder(MEMORY_VECTOR_DIMENSIONS), close: async () => undefined };
  let modelPath = spec;
  if (spec === 'tiny') {
    // Only the tests' generator makes this file; importing it here keeps it out of the app bundle.
    const { tinyLlamaGgufPath } = await import('../test/helpers/tiny-gguf.js');
    modelPath = tinyLlamaGgufPath({ seed: 16, embeddingLength: MEMORY_VECTOR_DIMENSIONS, blockCount: 1, headCount: 4, headCountKv: 4 });
  }
  if (!existsSync(modelPath)) throw new Error(`--embedder ${spec}: no such file. Give none, hashing, tiny or the path of a .gguf embedding model.`);
  const provider = await LocalLlamaProvider.open({ modelPath, sequences: 1, contextSize: 512 });
  return { make: async () => providerEmbedder(provider), close: () => provider.close() };
}

const pct = (x: number) => x.toFixed(2);

function table(result: EvalResult): string {
  const types = Object.keys(result.bm25.byType) as (keyof EvalResult['bm25']['byType'])[];
  const header = ['questions', 'n', 'BM25 R@5', 'BM25 R@10', 'BM25 hit@10', 'BM25 MRR', 'Steward R@5', 'Steward R@10', 'Steward hit@10', 'Steward MRR'];
  const row = (label: string, b: Scores, s: Scores) => [label, String(s.questions), pct(b.recall5), pct(b.recall10), pct(b.hit10), pct(b.mrr), pct(s.recall5), pct(s.recall10), pct(s.hit10), pct(s.mrr)];
  const rows = [...types.map((t) => row(t, result.bm25.byType[t]!, result.steward.byType[t]!)), row('all', result.bm25.overall, result.steward.overall)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      embedder: { type: 'string', default: 'none' },
      workspaces: { type: 'string' },
      'vector-weight': { type: 'string' },
      reranker: { type: 'string', default: 'none' },
      'reranker-weight': { type: 'string' },
      out: { type: 'string', default: 'bench/results' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const workspaces = values.workspaces ? Number(values.workspaces) : undefined;
  if (workspaces !== undefined && (!Number.isInteger(workspaces) || workspaces < 1)) {
    console.error(`--workspaces must be a whole number of at least 1 (got "${values.workspaces}").\n${USAGE}`);
    return 2;
  }
  const weight = values['vector-weight'] !== undefined ? Number(values['vector-weight']) : undefined;
  if (weight !== undefined && !(weight >= 0 && weight <= 2)) {
    console.error(`--vector-weight must be a number from 0 to 2 (got "${values['vector-weight']}").\n${USAGE}`);
    return 2;
  }
  const rerankWeight = values['reranker-weight'] !== undefined ? Number(values['reranker-weight']) : undefined;
  if (rerankWeight !== undefined && !(rerankWeight >= 0 && rerankWeight <= 1)) {
    console.error(`--reranker-weight must be a number from 0 to 1 (got "${values['reranker-weight']}").\n${USAGE}`);
    return 2;
  }
  const corpus = loadCorpus();
  const embedder = await embedderFor(values.embedder!);
  const reranker = await rerankerFor(values.reranker!);
  try {
    const result = await evaluate(corpus, {
      embedder: embedder.make,
      reranker: reranker.reranker,
      ...(weight !== undefined ? { embedderWeight: weight } : {}),
      ...(rerankWeight !== undefined ? { rerankerWeight: rerankWeight } : {}),
      ...(workspaces ? { workspaces } : {}),
    });
    const at = new Date().toISOString();
    const short = (spec: string) => (spec === 'none' || spec === 'hashing' || spec === 'tiny' ? spec : path.basename(spec, '.gguf'));
    const base = short(values.embedder!);
    const rerankLabel = values.reranker === 'none' ? '' : `-rerank-${short(values.reranker!)}${rerankWeight !== undefined ? `-w${rerankWeight}` : ''}`;
    const label = `${weight !== undefined ? `${base}-w${weight}` : base}${rerankLabel}`;
    mkdirSync(values.out!, { recursive: true });
    const file = path.join(values.out!, `memory-eval-${label}-${at.replace(/[:.]/g, '-')}.json`);
    const { perQuestion: _s, ...steward } = result.steward;
    writeFileSync(
      file,
      `${JSON.stringify({ benchmark: 'memory-eval', at, embedder: label, machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', loadAverage: os.loadavg(), node: process.version }, ...result, stewardSummary: steward }, null, 1)}\n`,
    );
    if (!values.quiet) {
      console.log(`\n${table(result)}\n`);
      console.log(`embedder: ${label} — ${result.embedding.status} (vector weight ${result.embedding.vectorWeight.toFixed(2)})`);
      console.log(`reranker: ${result.reranking.state} — ${result.reranking.status} (weight ${result.reranking.weight.toFixed(2)}; reordered ${result.reranking.reordered} questions)`);
      console.log(`ingest: ${result.ingest.turns} turns (${result.ingest.messages} messages) in ${result.ingest.seconds.toFixed(2)} s = ${Math.round(result.ingest.turnsPerSecond)} turns/s; background embedding finished ${result.ingest.embedSeconds.toFixed(1)} s later`);
      console.log(`query latency (contextFor): p50 ${result.steward.latencyMs.p50.toFixed(1)} ms, p95 ${result.steward.latencyMs.p95.toFixed(1)} ms; BM25 p95 ${result.bm25.latencyMs.p95.toFixed(2)} ms`);
      console.log(`results: ${file}`);
    }
    return 0;
  } finally {
    await embedder.close();
    await reranker.close();
  }
}

process.exitCode = await main();
