/**
 * Memory ingest measured in one run, each beside its same-run baseline:
 *
 * - bare inserts of the same turns into the same table (FTS triggers included), one transaction
 *   per turn and one per 64 turns — what storing costs before memory does anything;
 * - `learnFromTurn` without a model, awaited one turn at a time (a chat: one commit per turn) and
 *   queued as a burst (an import or backlog: memory stores 64 turns per transaction);
 * - with the hashing embedder and with the tests' tiny 384-dimension GGUF through node-llama-cpp
 *   (one and two embedding contexts): turns/s until stored, and until every message has its vector
 *   (embedding runs in the background; storing never waits for it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalLlamaProvider } from '../../src-main/core/llm/local/local-llama-provider.js';
import { providerEmbedder, type Embedder } from '../../src-main/core/memory/embedder.js';
import { createHashingEmbedder } from '../../src-main/core/memory/hashing-embedder.js';
import { createMemory } from '../../src-main/core/memory/memory.js';
import { createMemorySecretStore } from '../../src-main/core/security/memory-secret-store.js';
import { openDatabase } from '../../src-main/core/store/database.js';
import { MEMORY_VECTOR_DIMENSIONS, migration0003 } from '../../src-main/core/store/migrations/0003-memory.js';
import { MIGRATIONS } from '../../src-main/core/store/migrations/index.js';
import { loadCorpus } from '../../scripts/memory-eval/evaluate.js';
import { tinyLlamaGgufPath } from '../../test/helpers/tiny-gguf.js';

export const TARGET_INGEST_TURNS_PER_S = 1000;
const quiet = { info: () => undefined, warn: () => undefined };

type Turn = ReturnType<typeof loadCorpus>['workspaces'][number]['turns'][number] & { id: string };

function corpusTurns(count: number): Turn[] {
  const source = loadCorpus().workspaces.flatMap((w) => w.turns);
  return Array.from({ length: count }, (_, i) => ({ ...source[i % source.length]!, id: `t${i}` }));
}

async function freshDatabase(dir: string, name: string) {
  const migrations = [...MIGRATIONS.filter((m) => m.version !== migration0003.version), migration0003].sort((a, b) => a.version - b.version);
  return openDatabase({ path: path.join(dir, `${name}.db`), infoPath: path.join(dir, `${name}.json`), secrets: createMemorySecretStore(), keyAccount: name, migrations });
}

async function bareInserts(dir: string, name: string, turns: Turn[], perTransaction: number): Promise<number> {
  const db = await freshDatabase(dir, name);
  const insert = db.raw.prepare("INSERT INTO memory_episodes (id, conversation_id, message_id, role, text, created_at) VALUES (?, 'c', ?, ?, ?, ?)");
  const started = performance.now();
  for (let i = 0; i < turns.length; i += perTransaction) {
    db.raw.transaction(() => {
      for (const t of turns.slice(i, i + perTransaction)) {
        insert.run(`${t.id}-u`, `${t.id}-u`, 'user', t.user, t.at);
        insert.run(`${t.id}-a`, `${t.id}-a`, 'assistant', t.assistant, t.at);
      }
    })();
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

async function learn(dir: string, name: string, turns: Turn[], options: { embedder: Embedder | null; queued: boolean }): Promise<{ storedSeconds: number; withVectorsSeconds: number }> {
  const db = await freshDatabase(dir, name);
  const memory = createMemory({ db: db.raw, embedder: options.embedder, ...(options.embedder ? { embedderWeight: 1 } : {}), log: quiet });
  await memory.idle();
  const input = (t: Turn) => ({ conversationId: `c${t.session}`, at: new Date(t.at), user: { messageId: `${t.id}-u`, text: t.user }, assistant: { messageId: `${t.id}-a`, text: t.assistant } });
  const started = performance.now();
  if (options.queued) await Promise.all(turns.map((t) => memory.learnFromTurn(input(t))));
  else for (const t of turns) await memory.learnFromTurn(input(t));
  const storedSeconds = (performance.now() - started) / 1000;
  await memory.idle();
  const withVectorsSeconds = (performance.now() - started) / 1000;
  db.close();
  return { storedSeconds, withVectorsSeconds };
}

const rate = (turns: number, seconds: number) => Math.round(turns / seconds);

async function tinyGgufRuns(dir: string, turns: Turn[]) {
  const modelPath = tinyLlamaGgufPath({ seed: 16, embeddingLength: MEMORY_VECTOR_DIMENSIONS, blockCount: 1, headCount: 4, headCountKv: 4 });
  const out: { embeddingContexts: number; storedTurnsPerS: number; withVectorsTurnsPerS: number }[] = [];
  for (const contexts of [1, 2]) {
    const provider = await LocalLlamaProvider.open({ modelPath, sequences: 1, contextSize: 512, embeddingContexts: contexts });
    try {
      const r = await learn(dir, `tiny-${contexts}`, turns, { embedder: providerEmbedder(provider), queued: true });
      out.push({ embeddingContexts: contexts, storedTurnsPerS: rate(turns.length, r.storedSeconds), withVectorsTurnsPerS: rate(turns.length, r.withVectorsSeconds) });
    } finally {
      await provider.close();
    }
  }
  return out;
}

export async function runIngest(count: number, ggufCount: number) {
  const turns = corpusTurns(count);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-memory-ingest-'));
  try {
    const rawPerTurn = await bareInserts(dir, 'raw1', turns, 1);
    const rawBatched = await bareInserts(dir, 'raw64', turns, 64);
    const oneAtATime = await learn(dir, 'single', turns, { embedder: null, queued: false });
    const queued = await learn(dir, 'queued', turns, { embedder: null, queued: true });
    const hashing = await learn(dir, 'hashing', turns, { embedder: createHashingEmbedder(MEMORY_VECTOR_DIMENSIONS), queued: true });
    const tiny = ggufCount > 0 ? await tinyGgufRuns(dir, turns.slice(0, ggufCount)) : [];
    const queuedRate = rate(turns.length, queued.storedSeconds);
    return {
      turns: turns.length,
      rawInsertTurnsPerS: { oneTransactionPerTurn: rate(turns.length, rawPerTurn), oneTransactionPer64: rate(turns.length, rawBatched) },
      noModelTurnsPerS: { oneAtATime: rate(turns.length, oneAtATime.storedSeconds), queued: queuedRate },
      /** learnFromTurn's time over the bare inserts with the same transactions (1 per turn; 1 per 64). */
      noModelVsRaw: { oneAtATime: round(oneAtATime.storedSeconds / rawPerTurn), queued: round(queued.storedSeconds / rawBatched) },
      hashingEmbedderTurnsPerS: { stored: rate(turns.length, hashing.storedSeconds), withVectors: rate(turns.length, hashing.withVectorsSeconds) },
      tinyGguf: { turns: Math.min(ggufCount, turns.length), runs: tiny },
      target: { turnsPerS: TARGET_INGEST_TURNS_PER_S, met: queuedRate >= TARGET_INGEST_TURNS_PER_S },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

export type IngestResult = Awaited<ReturnType<typeof runIngest>>;

export function ingestSummary(r: IngestResult): string {
  const tiny = r.tinyGguf.runs.map((t) => `${t.embeddingContexts} context${t.embeddingContexts > 1 ? 's' : ''}: stored ${t.storedTurnsPerS}, with vectors ${t.withVectorsTurnsPerS} turns/s`).join('; ');
  return [
    `ingest, ${r.turns} turns without a model: queued ${r.noModelTurnsPerS.queued} turns/s (${r.noModelVsRaw.queued}× the bare inserts at 64 turns per transaction, ${r.rawInsertTurnsPerS.oneTransactionPer64} turns/s; target ≥ ${r.target.turnsPerS}: ${r.target.met ? 'met' : 'MISSED'}),`,
    `  one at a time ${r.noModelTurnsPerS.oneAtATime} turns/s (${r.noModelVsRaw.oneAtATime}× the bare inserts at one transaction per turn, ${r.rawInsertTurnsPerS.oneTransactionPerTurn} turns/s);`,
    `  hashing embedder: stored ${r.hashingEmbedderTurnsPerS.stored}, with vectors ${r.hashingEmbedderTurnsPerS.withVectors} turns/s;`,
    tiny ? `  tiny GGUF embedder (${r.tinyGguf.turns} turns): ${tiny}` : '  tiny GGUF embedder: not run (MEMORY_BENCH_GGUF_TURNS=0)',
  ].join('\n');
}
