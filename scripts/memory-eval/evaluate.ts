/**
 * The memory retrieval evaluation: ingests each workspace of the corpus through
 * `Memory.learnFromTurn` (at the time each session happened), asks every question through
 * `Memory.contextFor`, and scores the first 10 past turns it returns against the labelled
 * evidence. Beside it, the same questions against plain SQLite FTS5 BM25 over the raw turns
 * (same tokenizer as memory), so the two numbers come from the same data in the same run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../../src-main/core/memory/embedder.js';
import { createMemory } from '../../src-main/core/memory/memory.js';
import type { MemoryLogger } from '../../src-main/core/memory/memory-log.js';
import type { Reranker } from '../../src-main/core/memory/reranker.js';
import { ftsQuery, significantWords } from '../../src-main/core/memory/text-terms.js';
import { createMemorySecretStore } from '../../src-main/core/security/memory-secret-store.js';
import { openDatabase } from '../../src-main/core/store/database.js';
import { migration0003 } from '../../src-main/core/store/migrations/0003-memory.js';
import { MIGRATIONS } from '../../src-main/core/store/migrations/index.js';
import { Sqlite } from '../../src-main/core/store/sqlite.js';
import type { EvalCorpus, EvalQuestion, EvalWorkspace, QuestionType } from '../../test/fixtures/memory-eval/generate.js';

export const CORPUS_PATH = path.join(path.dirname(new URL(import.meta.url).pathname), '../../test/fixtures/memory-eval/corpus.json');
const TOP = 10;
const MIGRATIONS_WITH_MEMORY = [...MIGRATIONS.filter((m) => m.version !== migration0003.version), migration0003].sort((a, b) => a.version - b.version);

export function loadCorpus(file = CORPUS_PATH): EvalCorpus {
  return JSON.parse(readFileSync(file, 'utf8')) as EvalCorpus;
}

export interface QuestionScore {
  id: string;
  type: QuestionType;
  recall5: number;
  recall10: number;
  hit10: number;
  reciprocalRank: number;
  latencyMs: number;
}

export interface Scores {
  questions: number;
  recall5: number;
  recall10: number;
  hit10: number;
  mrr: number;
}

export interface SystemResult {
  overall: Scores;
  byType: Partial<Record<QuestionType, Scores>>;
  latencyMs: { p50: number; p95: number };
  perQuestion: QuestionScore[];
}

export interface EvalResult {
  steward: SystemResult;
  bm25: SystemResult;
  ingest: { turns: number; messages: number; seconds: number; turnsPerSecond: number; embedSeconds: number };
  embedding: { available: boolean; status: string; vectorWeight: number };
  reranking: RerankingReport;
}

export interface RerankingReport {
  state: string;
  status: string;
  weight: number;
  /** Questions whose past turns the reranker reordered. */
  reordered: number;
}

/** Scores one ranked list of message ids against a question's evidence. */
export function scoreRanking(question: EvalQuestion, ranked: readonly string[], latencyMs: number): QuestionScore {
  const evidence = new Set(question.evidence);
  const found = (k: number) => ranked.slice(0, k).filter((id) => evidence.has(id)).length / evidence.size;
  const first = ranked.findIndex((id) => evidence.has(id));
  return {
    id: question.id,
    type: question.type,
    recall5: found(5),
    recall10: found(TOP),
    hit10: first >= 0 && first < TOP ? 1 : 0,
    reciprocalRank: first >= 0 && first < TOP ? 1 / (first + 1) : 0,
    latencyMs,
  };
}

function summarise(scores: readonly QuestionScore[]): Scores {
  const mean = (f: (s: QuestionScore) => number) => (scores.length === 0 ? 0 : scores.reduce((sum, s) => sum + f(s), 0) / scores.length);
  return { questions: scores.length, recall5: mean((s) => s.recall5), recall10: mean((s) => s.recall10), hit10: mean((s) => s.hit10), mrr: mean((s) => s.reciprocalRank) };
}

function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function systemResult(perQuestion: QuestionScore[]): SystemResult {
  const types = [...new Set(perQuestion.map((q) => q.type))].sort();
  const latencies = perQuestion.map((q) => q.latencyMs);
  return {
    overall: summarise(perQuestion),
    byType: Object.fromEntries(types.map((t) => [t, summarise(perQuestion.filter((q) => q.type === t))])),
    latencyMs: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) },
    perQuestion,
  };
}

/** Plain BM25 over every message, the baseline: FTS5 with memory's tokenizer, the query's significant words OR-ed. */
export function bm25Baseline(workspace: EvalWorkspace): QuestionScore[] {
  const db = new Sqlite(':memory:');
  try {
    db.exec("CREATE VIRTUAL TABLE turns USING fts5(id UNINDEXED, text, tokenize='porter unicode61 remove_diacritics 2')");
    const insert = db.prepare('INSERT INTO turns (id, text) VALUES (?, ?)');
    db.transaction(() => {
      for (const t of workspace.turns) {
        insert.run(`${t.id}-u`, t.user);
        insert.run(`${t.id}-a`, t.assistant);
      }
    })();
    const search = db.prepare('SELECT id FROM turns WHERE turns MATCH ? ORDER BY bm25(turns) LIMIT ?');
    return workspace.questions.map((q) => {
      const started = performance.now();
      const match = ftsQuery(significantWords(q.question, 12));
      const ranked = match ? (search.all(match, TOP) as { id: string }[]).map((r) => r.id) : [];
      return scoreRanking(q, ranked, performance.now() - started);
    });
  } finally {
    db.close();
  }
}

class MovableClock {
  at = new Date(0);
  now = (): Date => new Date(this.at);
}

const quietLog: MemoryLogger = { info: () => undefined, warn: () => undefined };

export interface WorkspaceRun {
  scores: QuestionScore[];
  ingestSeconds: number;
  embedSeconds: number;
  messages: number;
  embedding: { available: boolean; status: string; vectorWeight: number };
  reranking: RerankingReport;
}

interface RunOptions {
  embedder?: Embedder | null;
  embedderWeight?: number;
  reranker?: Reranker | null;
  rerankerWeight?: number;
  log?: MemoryLogger;
}

/** Ingests one workspace into a fresh encrypted memory and asks its questions. */
export async function runWorkspace(workspace: EvalWorkspace, options: RunOptions = {}): Promise<WorkspaceRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-memory-eval-'));
  const clock = new MovableClock();
  const secrets = createMemorySecretStore();
  const db = await openDatabase({ path: path.join(dir, 'eval.db'), infoPath: path.join(dir, 'db-info.json'), secrets, keyAccount: 'eval', now: clock.now, migrations: MIGRATIONS_WITH_MEMORY });
  try {
    const memory = createMemory({
      db: db.raw,
      embedder: options.embedder ?? null,
      reranker: options.reranker ?? null,
      secrets,
      clock,
      log: options.log ?? quietLog,
      ...(options.embedderWeight !== undefined ? { embedderWeight: options.embedderWeight } : {}),
      ...(options.rerankerWeight !== undefined ? { rerankerWeight: options.rerankerWeight } : {}),
    });
    const started = performance.now();
    // The workspace arrives as a backlog (as an import would): every turn queued at once with the
    // time it happened, so memory stores them in batches (memory-learner.ts, STORE_BATCH_TURNS).
    const passes = workspace.turns.map((turn) => {
      clock.at = new Date(turn.at);
      return memory.learnFromTurn({ conversationId: `${workspace.company}-s${turn.session}`, at: new Date(turn.at), user: { messageId: `${turn.id}-u`, text: turn.user }, assistant: { messageId: `${turn.id}-a`, text: turn.assistant } });
    });
    await Promise.all(passes);
    const ingestSeconds = (performance.now() - started) / 1000;
    await memory.idle();
    const embedSeconds = (performance.now() - started) / 1000 - ingestSeconds;
    clock.at = new Date(workspace.askedAt);
    const scores: QuestionScore[] = [];
    let reordered = 0;
    for (const question of workspace.questions) {
      const t0 = performance.now();
      const context = await memory.contextFor(question.question, 8000);
      const latency = performance.now() - t0;
      if (context.diagnostics.reranker?.used) reordered += 1;
      scores.push(scoreRanking(question, context.episodes.map((e) => e.messageId ?? ''), latency));
    }
    const status = memory.embeddingStatus();
    const rerank = memory.rerankerStatus();
    const reranking: RerankingReport = {
      state: rerank.state,
      status: rerank.reason ?? `reorders the best ${rerank.quality ? `(quality check: ${rerank.quality.matched}/${rerank.quality.items} requests)` : 'results'}`,
      weight: rerank.weight,
      reordered,
    };
    return { scores, ingestSeconds, embedSeconds, messages: workspace.turns.length * 2, reranking, embedding: { available: status.available, status: status.reason ?? `vectors in use${status.quality ? ` (quality check: ${status.quality.matched}/${status.quality.pairs} paraphrases)` : ''}`, vectorWeight: status.vectorWeight } };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the evaluation over the corpus (or its first `workspaces`). */
export async function evaluate(
  corpus: EvalCorpus,
  options: Omit<RunOptions, 'embedder' | 'reranker'> & { embedder?: (() => Promise<Embedder | null> | Embedder | null) | null; reranker?: Reranker | null; workspaces?: number } = {},
): Promise<EvalResult> {
  const chosen = corpus.workspaces.slice(0, options.workspaces ?? corpus.workspaces.length);
  const steward: QuestionScore[] = [];
  const bm25: QuestionScore[] = [];
  let ingestSeconds = 0;
  let embedSeconds = 0;
  let messages = 0;
  let turns = 0;
  let embedding: EvalResult['embedding'] = { available: false, status: 'not run', vectorWeight: 0 };
  let reranking: RerankingReport = { state: 'off', status: 'not run', weight: 0, reordered: 0 };
  for (const workspace of chosen) {
    bm25.push(...bm25Baseline(workspace));
    const run = await runWorkspace(workspace, {
      embedder: options.embedder ? await options.embedder() : null,
      reranker: options.reranker ?? null,
      ...(options.embedderWeight !== undefined ? { embedderWeight: options.embedderWeight } : {}),
      ...(options.rerankerWeight !== undefined ? { rerankerWeight: options.rerankerWeight } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    steward.push(...run.scores);
    ingestSeconds += run.ingestSeconds;
    embedSeconds += run.embedSeconds;
    messages += run.messages;
    turns += workspace.turns.length;
    embedding = run.embedding;
    reranking = { ...run.reranking, reordered: reranking.reordered + run.reranking.reordered };
  }
  return {
    steward: systemResult(steward),
    bm25: systemResult(bm25),
    ingest: { turns, messages, seconds: ingestSeconds, turnsPerSecond: turns / Math.max(ingestSeconds, 1e-9), embedSeconds },
    embedding,
    reranking,
  };
}
