/** The pieces the facade is built from, passed to each operation so every file holds one idea. */
import type { MemorySettings } from '../../../src-preload/schemas/memory.js';
import type { LlmProvider } from '../llm/provider.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { CredentialVault } from './credential-vault.js';
import type { EntityStore } from './entity-store.js';
import type { EpisodeStore } from './episode-store.js';
import type { FactStore } from './fact-store.js';
import type { FactWriter } from './fact-writer.js';
import type { HybridSearch } from './hybrid-search.js';
import type { MemoryEventSink } from './memory-events.js';
import type { MemoryLogger } from './memory-log.js';
import type { QuestionStore } from './question-store.js';
import type { ReferenceResolver } from './reference-resolver.js';
import type { TaskPatterns } from './task-patterns.js';
import type { VectorIndex } from './vector-index.js';

export interface MemoryParts {
  db: SqliteDatabase;
  entities: EntityStore;
  facts: FactStore;
  episodes: EpisodeStore;
  questions: QuestionStore;
  writer: FactWriter;
  vectors: VectorIndex;
  search: HybridSearch;
  resolver: ReferenceResolver;
  vault: CredentialVault;
  patterns: TaskPatterns;
  provider: LlmProvider | null;
  settings: () => MemorySettings;
  log: MemoryLogger;
  emit: MemoryEventSink;
  now: () => Date;
  countTokens: (text: string) => number;
}
