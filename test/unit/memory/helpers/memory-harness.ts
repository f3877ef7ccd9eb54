/**
 * A real memory on a real encrypted database in a temp dir, with a scripted model, a clock the
 * test moves, recorded events and logs. Also reads the database file's bytes, both as stored
 * (encrypted) and as a decrypted copy, to prove what is and is not on disk.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MemorySettings } from '../../../../src-preload/schemas/memory.js';
import { DEFAULT_MEMORY_SETTINGS, MemorySettingsSchema } from '../../../../src-preload/schemas/memory.js';
import { ScriptedProvider } from '../../../../src-main/core/llm/scripted-provider.js';
import type { LlmProvider } from '../../../../src-main/core/llm/provider.js';
import type { Embedder } from '../../../../src-main/core/memory/embedder.js';
import type { Extraction } from '../../../../src-main/core/memory/extraction.js';
import type { Reranker } from '../../../../src-main/core/memory/reranker.js';
import { createMemory, type Memory } from '../../../../src-main/core/memory/memory.js';
import type { MemoryEvent } from '../../../../src-main/core/memory/memory-events.js';
import { RecordingMemoryLogger } from '../../../../src-main/core/memory/memory-log.js';
import { createMemorySecretStore } from '../../../../src-main/core/security/memory-secret-store.js';
import { openDatabase, type StewardDatabase } from '../../../../src-main/core/store/database.js';
import { migration0003 } from '../../../../src-main/core/store/migrations/0003-memory.js';
import { MIGRATIONS } from '../../../../src-main/core/store/migrations/index.js';
import { Sqlite } from '../../../../src-main/core/store/sqlite.js';

export const KEY_ACCOUNT = 'db-key:memory-test';
/** The registered migrations plus memory's own (the lead registers 0003 in migrations/index.ts). */
export const TEST_MIGRATIONS = [...MIGRATIONS.filter((m) => m.version !== migration0003.version), migration0003].sort((a, b) => a.version - b.version);

/** Memory's own tables (the FTS/vec shadow tables are covered by the file-bytes checks). */
export const MEMORY_TABLES = [
  'memory_entities',
  'memory_entity_aliases',
  'memory_facts',
  'memory_relationships',
  'memory_fact_history',
  'memory_episodes',
  'memory_episode_entities',
  'memory_questions',
  'memory_question_facts',
  'memory_task_runs',
  'memory_workflows',
];

export class TestClock {
  constructor(private at = new Date('2025-03-01T09:00:00.000Z')) {}
  now = (): Date => new Date(this.at);
  advanceDays(days: number): void {
    this.at = new Date(this.at.getTime() + days * 86_400_000);
  }
}

export interface MemoryHarness {
  memory: Memory;
  db: StewardDatabase;
  dir: string;
  clock: TestClock;
  events: MemoryEvent[];
  log: RecordingMemoryLogger;
  secrets: ReturnType<typeof createMemorySecretStore>;
  settings: MemorySettings;
  setSettings(patch: Partial<MemorySettings>): void;
  /** Every text value of every memory table row, joined (to search for leaked strings). */
  allMemoryText(): string;
  /** The raw database and WAL bytes as they sit on disk (encrypted). */
  fileBytes(): Buffer;
  /** A decrypted copy of the database file: what an attacker with the key would see, free pages included. */
  decryptedBytes(): Buffer;
  dispose(): Promise<void>;
}

export async function createMemoryHarness(options: { provider?: LlmProvider | null; embedder?: Embedder | null; embedderWeight?: number; reranker?: Reranker | null; rerankerWeight?: number; settings?: Partial<MemorySettings>; tuneCache?: boolean } = {}): Promise<MemoryHarness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-memory-'));
  const secrets = createMemorySecretStore();
  const clock = new TestClock();
  const dbPath = path.join(dir, 'steward.db');
  const db = await openDatabase({ path: dbPath, infoPath: path.join(dir, 'db-info.json'), secrets, keyAccount: KEY_ACCOUNT, now: clock.now, migrations: TEST_MIGRATIONS });
  const events: MemoryEvent[] = [];
  const log = new RecordingMemoryLogger();
  let settings = MemorySettingsSchema.parse({ ...DEFAULT_MEMORY_SETTINGS, ...options.settings });
  const memory = createMemory({
    db: db.raw,
    provider: options.provider ?? null,
    embedder: options.embedder ?? null,
    // Tests of the vector plumbing trust their word-level embedders; the quality check itself is tested on its own.
    ...(options.embedderWeight !== undefined ? { embedderWeight: options.embedderWeight } : {}),
    reranker: options.reranker ?? null,
    ...(options.rerankerWeight !== undefined ? { rerankerWeight: options.rerankerWeight } : {}),
    secrets,
    clock,
    settings: () => settings,
    onEvent: (e) => events.push(e),
    log,
    tuneCache: options.tuneCache ?? true,
  });
  const harness: MemoryHarness = {
    memory,
    db,
    dir,
    clock,
    events,
    log,
    secrets,
    get settings() {
      return settings;
    },
    setSettings(patch) {
      settings = MemorySettingsSchema.parse({ ...settings, ...patch });
    },
    allMemoryText() {
      const parts: string[] = [];
      for (const table of MEMORY_TABLES) {
        for (const row of db.raw.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
          for (const value of Object.values(row)) {
            if (typeof value === 'string') parts.push(value);
            else if (Buffer.isBuffer(value)) parts.push(value.toString('latin1'));
          }
        }
      }
      return parts.join('\n');
    },
    fileBytes() {
      db.raw.pragma('wal_checkpoint(PASSIVE)');
      const files = [dbPath, `${dbPath}-wal`].filter((f) => existsSync(f));
      return Buffer.concat(files.map((f) => readFileSync(f)));
    },
    decryptedBytes() {
      db.raw.pragma('wal_checkpoint(TRUNCATE)');
      const copy = path.join(dir, `decrypted-${Date.now()}.db`);
      copyFileSync(dbPath, copy);
      const key = secrets.entries().get(KEY_ACCOUNT)!;
      const plain = new Sqlite(copy);
      plain.pragma(`hexkey='${key}'`);
      // Re-keying to nothing rewrites every page in clear, free pages included.
      plain.pragma("rekey=''");
      plain.close();
      const bytes = readFileSync(copy);
      rmSync(copy, { force: true });
      return bytes;
    },
    async dispose() {
      await memory.idle();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

type ExtractedFact = Extraction['facts'][number];

/** One extracted fact with sensible defaults (explicit, no dates). */
export function xfact(subject: string, predicate: string, object: string, extra: Partial<ExtractedFact> = {}): ExtractedFact {
  return {
    subject,
    subjectType: 'person',
    predicate,
    object,
    objectType: 'value',
    category: 'other',
    explicit: true,
    validFrom: null,
    validTo: null,
    ...extra,
  };
}

/**
 * A scripted model whose memory extraction answers depend on the last user text: `answers`
 * maps a fragment of the turn to the extraction to return; unknown turns extract nothing.
 */
export function extractionModel(answers: Record<string, Partial<Extraction>>, options: { delayMs?: number } = {}): ScriptedProvider {
  return new ScriptedProvider({
    embeddingDimensions: 384,
    rules: [
      {
        match: { schemaName: 'memory_extraction' },
        response: (call) => {
          const found = Object.entries(answers).find(([fragment]) => call.lastUserText.includes(fragment));
          const value: Extraction = { entities: [], facts: [], ...(found?.[1] ?? {}) };
          return { type: 'json', value, ...(options.delayMs ? { delayMs: options.delayMs } : {}) };
        },
      },
      { match: { schemaName: 'project_summary' }, response: { type: 'json', value: { summary: 'A finished project.' } } },
    ],
  });
}
