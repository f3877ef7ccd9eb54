/**
 * Business memory, the facade the agent and the API call: learn from turns in the background,
 * recall what matters for a request within a token budget, resolve "the team" to people and
 * emails, and give the user control (remember, forget, describe, show, clear, edit, export).
 */
import type {
  FactCategory,
  MemoryAnalytics,
  MemoryAnswer,
  MemoryEditInput,
  MemoryEpisode,
  MemoryFact,
  MemoryQuestion,
  MemorySearchResult,
  MemorySettings,
  MemoryWorkflow,
  SearchDiagnostics,
} from '../../../src-preload/schemas/memory.js';
import { DEFAULT_MEMORY_SETTINGS } from '../../../src-preload/schemas/memory.js';
import { NotFoundError, StewardError } from '../errors.js';
import type { LlmProvider } from '../llm/provider.js';
import { systemClock, type Clock, type SecretStore } from '../ports.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { packContext } from './context-packer.js';
import { CredentialVault, type SavedCredential } from './credential-vault.js';
import type { Embedder } from './embedder.js';
import { EntityStore, isSelfReference, type EntityRow } from './entity-store.js';
import { EpisodeStore } from './episode-store.js';
import { extractFacts } from './extraction.js';
import { buildExport, buildMarkdown } from './memory-export.js';
import { FactStore, toFact } from './fact-store.js';
import { validateCandidate, type CandidateFact } from './fact-validation.js';
import { FactWriter, sentenceOf, USER_CONFIDENCE } from './fact-writer.js';
import { HybridSearch, toScoredFact } from './hybrid-search.js';
import { computeAnalytics } from './memory-analytics.js';
import { answerQuestion, type AnswerResult } from './memory-answers.js';
import { clearMemory, type ClearCounts } from './memory-clear.js';
import { parseMemoryCommand } from './memory-commands.js';
import { describe, type DescribeResult } from './memory-describe.js';
import { MemoryEditRejectedError } from './memory-errors.js';
import { safeSink, type MemoryEventSink } from './memory-events.js';
import { deleteFacts, forget, type ForgetResult, type ForgetScope } from './memory-forget.js';
import { applyImport, parseImportFile, type ImportOutcome } from './memory-import.js';
import { collect, MemoryLearner, writeCandidates, type DroppedFact, type LearnResult, type TurnInput } from './memory-learner.js';
import { silentMemoryLogger, type MemoryLogger } from './memory-log.js';
import { projectsToSummarise, proposeExpiry, summariseProject, type MaintenanceResult } from './memory-maintenance.js';
import type { MemoryParts } from './memory-parts.js';
import { isSensitivePredicate, predicateSpec } from './predicates.js';
import { findSensitive, isCredential, SENSITIVE_KIND_LABEL } from './privacy-filter.js';
import { QuestionStore } from './question-store.js';
import { ReferenceResolver, type ResolvedReference } from './reference-resolver.js';
import type { Reranker } from './reranker.js';
import { RerankStage, type RerankStatus } from './rerank-stage.js';
import { extractByRules, noteFact } from './rule-extractor.js';
import { TaskPatterns, type TaskRecord } from './task-patterns.js';
import { approxTokens } from './text-terms.js';
import { VectorIndex, type EmbeddingStatus } from './vector-index.js';

export interface MemoryOptions {
  /** The profile's open (encrypted, migrated to include 0003-memory) connection. */
  db: SqliteDatabase;
  /** Model for learning and summaries; without one, learning keeps episodes only and "Remember that" uses rules. */
  provider?: LlmProvider | null;
  /** 384-dimension embedder; without one, search is keyword + entity and diagnostics say so. */
  embedder?: Embedder | null;
  /** Fixes the vector list's weight in retrieval instead of measuring the embedder (evaluations only). */
  embedderWeight?: number;
  /** Reranking model for the best candidates; without one (or when it fails its check) the fused order stands. */
  reranker?: Reranker | null;
  /** Fixes the reranker's say in the order instead of measuring it (evaluations only). */
  rerankerWeight?: number;
  /** Where credentials said in chat go (the OS keychain). */
  secrets?: SecretStore | null;
  clock?: Clock;
  /** Current memory settings (the `memory` section of the app settings). */
  settings?: () => MemorySettings;
  /** Receives memory.question / memory.changed / notification events after the change is committed. */
  onEvent?: MemoryEventSink;
  /** Where memory reports what it dropped or could not do (the composition root passes the core's log). */
  log?: MemoryLogger;
  /** Token counter for packing prompts; default ≈ characters / 4. */
  countTokens?: (text: string) => number;
  /** Grow the connection's page cache so vectors stay decrypted in memory (default true). */
  tuneCache?: boolean;
}

export interface MemoryContext {
  /** A prompt section ('' when nothing relevant is known or memory is off). */
  text: string;
  tokens: number;
  facts: MemoryFact[];
  episodes: MemoryEpisode[];
  references: ResolvedReference[];
  omitted: number;
  diagnostics: SearchDiagnostics & { memoryEnabled: boolean };
}

export interface RememberResult {
  reply: string;
  stored: MemoryFact[];
  questions: MemoryQuestion[];
  dropped: DroppedFact[];
  credentials: SavedCredential[];
  /** Why nothing was stored, when the statement was refused as a whole. */
  refused: string | null;
}

export type CommandReply =
  | { kind: 'remember'; reply: string; result: RememberResult }
  | { kind: 'forget'; reply: string; result: ForgetResult }
  | { kind: 'describe'; reply: string; result: DescribeResult }
  | { kind: 'show_data'; reply: string; markdown: string; analytics: MemoryAnalytics }
  | { kind: 'clear_data'; reply: string; needsConfirmation: boolean; result: ClearCounts | null };

/** Vectors take 4 bytes a dimension; keep them and the indexes in the page cache (capped). */
const CACHE_BYTES_PER_ROW = 384 * 4 * 1.4;
const CACHE_BASE_KIB = 64 * 1024;
const CACHE_MAX_KIB = 1024 * 1024;

export class Memory {
  private readonly parts: MemoryParts;
  private readonly learner: MemoryLearner;
  private readonly tuneCacheEnabled: boolean;
  private readonly rerankStage: RerankStage;

  constructor(options: MemoryOptions) {
    const clock = options.clock ?? systemClock;
    const now = () => clock.now();
    const db = options.db;
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'memory_facts'").get()) {
      throw new StewardError('internal', 'Business memory cannot start: the database has no memory tables. Update Steward (the memory migration was not applied).', {
        detail: 'migration 0003-memory missing',
      });
    }
    const log = options.log ?? silentMemoryLogger;
    const entities = new EntityStore(db, now);
    const facts = new FactStore(db, now);
    const episodes = new EpisodeStore(db, now);
    const questions = new QuestionStore(db, now);
    const vectors = new VectorIndex(db, options.embedder ?? null, log, options.embedderWeight ?? null);
    const emit = safeSink(options.onEvent, log);
    this.rerankStage = new RerankStage(options.reranker ?? null, log, options.rerankerWeight ?? null);
    this.parts = {
      db,
      entities,
      facts,
      episodes,
      questions,
      writer: new FactWriter(entities, facts, questions, now),
      vectors,
      search: new HybridSearch(db, entities, facts, episodes, vectors, now, this.rerankStage),
      resolver: new ReferenceResolver(db, entities),
      vault: new CredentialVault(options.secrets ?? null, log),
      patterns: new TaskPatterns(db, questions, now),
      provider: options.provider ?? null,
      settings: options.settings ?? (() => DEFAULT_MEMORY_SETTINGS),
      log,
      emit,
      now,
      countTokens: options.countTokens ?? approxTokens,
    };
    this.learner = new MemoryLearner({ ...this.parts }, now);
    this.tuneCacheEnabled = options.tuneCache ?? true;
    this.tuneCache();
    // Anything stored before the embedder was available gets its vectors now.
    vectors.schedule();
  }

  // ---- Learning ------------------------------------------------------------------------------

  /** Background learning pass for one turn. Do not await it before replying; it never rejects. */
  learnFromTurn(turn: TurnInput): Promise<LearnResult> {
    return this.learner.learnFromTurn(turn);
  }

  /** "Remember that …": stored at once with the user's confidence, whatever the category settings say. */
  async remember(statement: string, source: { conversationId?: string | null; messageId?: string | null } = {}, scope: ForgetScope = {}): Promise<RememberResult> {
    const { parts } = this;
    const result: RememberResult = { reply: '', stored: [], questions: [], dropped: [], credentials: [], refused: null };
    if (!parts.settings().enabled) return { ...result, reply: 'Memory is turned off, so I did not store that. Turn it on in Memory › Learning to let me remember things.', refused: 'memory_off' };
    const text = statement.trim();
    if (!text) return { ...result, reply: 'Tell me what to remember, for example "Remember that Sarah is our CFO".', refused: 'empty' };

    const findings = findSensitive(text, { withhold: parts.settings().withhold });
    const credentials = findings.filter((f) => isCredential(f.kind));
    const other = findings.find((f) => !isCredential(f.kind));
    if (other) {
      parts.log.warn('refused to remember sensitive data', { kind: other.kind });
      return { ...result, reply: `I won't keep that: it contains ${SENSITIVE_KIND_LABEL[other.kind]}, which memory never stores. Nothing was saved.`, refused: other.kind };
    }
    if (credentials.length > 0) {
      result.credentials = await parts.vault.capture(text, credentials);
      if (result.credentials.length === 0) {
        return { ...result, reply: "That looks like a password or key, and I couldn't reach the system keychain, so I didn't keep it anywhere.", refused: 'keychain_unavailable' };
      }
      const pointers: CandidateFact[] = result.credentials.map((c) => ({ subject: c.service, subjectType: 'tool', predicate: 'credential_in_keychain', object: c.account, category: 'integrations', confidence: 1 }));
      const { outcomes } = writeCandidates(parts, pointers, { source: 'user', ...source }, parts.now(), () => true);
      collect(result, outcomes);
      this.announce('remembered', result);
      const services = [...new Set(result.credentials.map((c) => c.service))].join(', ');
      return { ...result, reply: `I saved that ${credentials[0]?.kind === 'password' ? 'password' : 'key'} for ${services} in the system keychain, not in memory.` };
    }

    const candidates = await this.candidatesFor(text);
    // Someone other than the owner keeps company facts only: "I", "me" and "my" are the owner to memory,
    // so such a statement would write (and correct) the owner's personal facts in their name.
    if (scope.companyOnly && candidates.some((c) => this.isAboutOwner(c.subject))) {
      return {
        ...result,
        reply: 'I didn’t keep that: in business memory “I”, “me” and “my” mean the owner, and only the owner can change facts about themself. Say it about the company or a person by name, for example "Remember that Sarah Lee is our CFO". Nothing was changed.',
        refused: 'owner_personal',
      };
    }
    const { outcomes, dropped } = writeCandidates(parts, candidates, { source: 'user', sourceConversationId: source.conversationId ?? null, sourceMessageId: source.messageId ?? null }, parts.now(), () => true);
    result.dropped = dropped;
    collect(result, outcomes);
    this.announce('remembered', result);
    parts.vectors.schedule();
    if (result.questions.length > 0) return { ...result, reply: result.questions.map((q) => q.text).join('\n') };
    if (result.stored.length === 0) {
      return { ...result, reply: `I couldn't store that (${dropped.map((d) => d.reason).join('; ') || 'nothing to keep'}). Try saying it as "X's email is …" or "X is our …".`, refused: 'invalid' };
    }
    // Mid-sentence: "I'll remember that your company's VAT number is …", not "that Your company's".
    const said = outcomes.map((o) => sentenceOf(o.fact).replace(/^Your company\b/, 'your company'));
    return { ...result, reply: `I'll remember that ${said.join('; ')}.` };
  }

  /** Whether a proposed fact's subject is memory's "you" (the owner), by word or by a name memory knows them by. */
  private isAboutOwner(subject: string): boolean {
    if (isSelfReference(subject)) return true;
    const self = this.parts.entities.byRole('self');
    return self !== null && this.parts.entities.findByName(subject).some((e) => e.id === self.id);
  }

  private async candidatesFor(text: string): Promise<CandidateFact[]> {
    const { parts } = this;
    if (parts.provider) {
      try {
        const extracted = await extractFacts(parts.provider, [{ role: 'user', text }], { explicitRequest: true });
        if (extracted.candidates.some((c) => validateCandidate(c, parts.now()).ok)) return extracted.candidates;
      } catch (err) {
        parts.log.warn('the model could not read a "remember" request; using simple rules', { code: (err as { code?: string }).code ?? 'error' });
      }
    }
    const ruled = extractByRules(text, USER_CONFIDENCE);
    return ruled.some((c) => validateCandidate(c, parts.now()).ok) ? ruled : [noteFact(text, USER_CONFIDENCE)];
  }

  // ---- Recall --------------------------------------------------------------------------------

  /**
   * Retrieval + packing for a prompt: references first, then relevant facts and past turns, within `tokenBudget`.
   * `companyOnly` (a chat of someone other than the owner): facts about the owner's own self and
   * past conversations (the owner's) are left out, so one person's personal memory never reaches another's prompt.
   */
  async contextFor(request: string, tokenBudget: number, options: { companyOnly?: boolean } = {}): Promise<MemoryContext> {
    const { parts } = this;
    if (!parts.settings().enabled) {
      return {
        text: '',
        tokens: 0,
        facts: [],
        episodes: [],
        references: [],
        omitted: 0,
        diagnostics: { mode: 'keyword+entity', reason: 'Memory is turned off.', keywordHits: 0, vectorHits: 0, entityHits: 0, entities: [], memoryEnabled: false },
      };
    }
    const selfId = options.companyOnly ? (parts.entities.byRole('self')?.id ?? null) : null;
    const references = options.companyOnly ? [] : parts.resolver.resolve(request);
    const entityIds = references.flatMap((r) => [...r.entities.map((e) => e.id), ...r.people.map((p) => p.entityId)]);
    // Past turns are bounded by what the budget can hold (about 80 tokens a quoted turn), not by a fixed count.
    const episodeLimit = Math.max(5, Math.min(50, Math.floor(tokenBudget / 80)));
    const found = await parts.search.search(request, { limit: 30, includeEpisodes: true, episodeLimit, entityIds });
    const summarised = new Map<string, EntityRow>();
    for (const hit of found.facts) {
      const entity = hit.row.subject_type === 'project' ? parts.entities.get(hit.row.subject_entity_id) : null;
      if (entity?.summary) summarised.set(entity.id, entity);
    }
    const packed = packContext({
      references,
      facts: found.facts.map((h) => h.row).filter((row) => !options.companyOnly || row.subject_entity_id !== selfId),
      episodes: options.companyOnly ? [] : found.episodes.map((e) => e.episode),
      summarised,
      tokenBudget,
      countTokens: parts.countTokens,
    });
    parts.facts.markUsed([...packed.facts.map((f) => f.id), ...references.flatMap((r) => r.factIds)]);
    return { ...packed, references, diagnostics: { ...found.diagnostics, memoryEnabled: true } };
  }

  /** The viewer's search: facts (retired ones included, ranked lower) and past turns. */
  async search(input: { query: string; limit?: number; includeEpisodes?: boolean }): Promise<MemorySearchResult> {
    const found = await this.parts.search.search(input.query, { limit: input.limit ?? 20, includeEpisodes: input.includeEpisodes ?? true, includeRetired: true });
    return { facts: found.facts.map(toScoredFact), episodes: found.episodes, diagnostics: found.diagnostics };
  }

  /** "Email the team" → the team's members and their emails; "my manager", "the CFO", "Alice" likewise. */
  resolveReference(text: string): ResolvedReference[] {
    return this.parts.resolver.resolve(text);
  }

  // ---- User control --------------------------------------------------------------------------

  forget(query: string, scope: ForgetScope = {}): ForgetResult {
    return forget(this.parts, query, scope);
  }

  describe(subject: string): DescribeResult {
    return describe(this.parts, subject);
  }

  /**
   * Runs a chat memory command, or returns null when `text` is not one. "Clear my data" only
   * clears with `confirmed: true`; otherwise it asks first. `companyOnly`: sent by someone other
   * than the owner (whose role the agent has already checked): remember and forget touch company
   * facts only, never the owner's personal ones.
   */
  async handleCommand(text: string, options: { confirmed?: boolean; conversationId?: string | null; messageId?: string | null; companyOnly?: boolean } = {}): Promise<CommandReply | null> {
    const command = parseMemoryCommand(text);
    if (!command) return null;
    const scope: ForgetScope = { companyOnly: options.companyOnly === true };
    switch (command.kind) {
      case 'remember': {
        const result = await this.remember(command.statement, { conversationId: options.conversationId, messageId: options.messageId }, scope);
        return { kind: 'remember', reply: result.reply, result };
      }
      case 'forget': {
        const result = this.forget(command.query, scope);
        return { kind: 'forget', reply: result.reply, result };
      }
      case 'describe': {
        const result = this.describe(command.subject);
        return { kind: 'describe', reply: result.reply, result };
      }
      case 'show_data': {
        const analytics = this.analytics();
        const markdown = this.exportData('markdown').content;
        const t = analytics.totals;
        return { kind: 'show_data', reply: `I hold ${t.currentFacts} current facts (${t.facts} in all, with history), ${t.entities} people, companies, teams, projects and tools, and ${t.episodes} conversation turns. Here they are:\n\n${markdown}`, markdown, analytics };
      }
      case 'clear_data': {
        if (!options.confirmed) {
          return { kind: 'clear_data', reply: 'This permanently deletes everything I remember (facts, people, history, conversation turns and workflows). Are you sure?', needsConfirmation: true, result: null };
        }
        const result = this.clearAll();
        return { kind: 'clear_data', reply: `Done: I deleted ${result.deletedFacts} facts, ${result.deletedEntities} entities and ${result.deletedEpisodes} conversation turns from memory.`, needsConfirmation: false, result };
      }
    }
  }

  list(input: { category?: FactCategory; entityId?: string; status?: 'current' | 'history' | 'pending' | 'all'; limit?: number; offset?: number }) {
    const { rows, total } = this.parts.facts.list(input);
    const entityIds = [...new Set(rows.flatMap((r) => [r.subject_entity_id, ...(r.object_entity_id ? [r.object_entity_id] : [])]))];
    const entities = entityIds.map((id) => this.parts.entities.get(id)).filter((e): e is EntityRow => e !== null).map((e) => this.parts.entities.toEntity(e));
    return { facts: rows.map(toFact), total, entities };
  }

  /** A user's correction of a fact: validated like any other fact, then stored with full confidence as the user's own statement. */
  edit(input: MemoryEditInput): MemoryFact {
    const { parts } = this;
    const before = parts.facts.get(input.id);
    if (!before) throw new NotFoundError('Fact', input.id);
    const candidate: CandidateFact = {
      subject: before.subject_name,
      subjectType: before.subject_type,
      predicate: input.predicate ?? before.predicate,
      object: input.object ?? before.object,
      category: input.category ?? before.category,
      confidence: 1,
      validFrom: input.validFrom !== undefined ? input.validFrom : before.valid_from,
      validTo: input.validTo !== undefined ? input.validTo : before.valid_to,
    };
    const checked = validateCandidate(candidate, parts.now());
    if (!checked.ok) {
      const field = /date/.test(checked.reason) ? 'validFrom' : /predicate/.test(checked.reason) || isSensitivePredicate(candidate.predicate) ? 'predicate' : 'object';
      throw new MemoryEditRejectedError(field, checked.reason.replace(/^sensitive: /, 'holds sensitive data — '));
    }
    const fact = checked.fact;
    const changes: string[] = [];
    if (fact.predicate !== before.predicate) changes.push(`predicate: ${before.predicate} → ${fact.predicate}`);
    if (fact.object !== before.object) changes.push(`value: ${before.object} → ${fact.object}`);
    if (fact.category !== before.category) changes.push(`category: ${before.category} → ${fact.category}`);
    if (fact.validFrom !== before.valid_from) changes.push(`from: ${before.valid_from ?? '—'} → ${fact.validFrom ?? '—'}`);
    if (fact.validTo !== before.valid_to) changes.push(`until: ${before.valid_to ?? '—'} → ${fact.validTo ?? '—'}`);
    const updated = parts.db.transaction(() => {
      const retargeted = fact.predicate !== before.predicate || fact.object !== before.object;
      const objectEntity = retargeted ? this.objectEntityFor(fact.predicate, fact.object) : null;
      const row = parts.facts.update(before.id, {
        predicate: fact.predicate,
        object: objectEntity ? objectEntity.name : fact.object,
        object_entity_id: retargeted ? (objectEntity?.id ?? null) : before.object_entity_id,
        category: fact.category,
        valid_from: fact.validFrom,
        valid_to: fact.validTo,
        confidence: 1,
      });
      parts.facts.markAsUsersOwn(row.id);
      parts.facts.addHistory(row.id, 'edited', changes.length > 0 ? `edited by the user: ${changes.join('; ')}` : 'confirmed by the user');
      parts.writer.applyNaming(row);
      return parts.facts.get(row.id)!;
    })();
    parts.emit({ type: 'memory.changed', change: 'edited', factIds: [updated.id] });
    parts.vectors.schedule();
    return toFact(updated);
  }

  /** Relationship predicates point at an entity; an edit that changes the value re-points it. */
  private objectEntityFor(predicate: string, object: string): EntityRow | null {
    const rel = predicateSpec(predicate)?.relationship;
    return rel ? this.parts.entities.ensure(object, rel.targetType) : null;
  }

  deleteFacts(ids: readonly string[]): { deleted: number; missing: string[] } {
    const result = deleteFacts(this.parts, ids);
    return { deleted: result.deleted.length, missing: result.missing };
  }

  /** The timeline of one attribute (and, for one-person titles, of everyone who held it) with every recorded change. */
  history(factId: string) {
    const { parts } = this;
    const fact = parts.facts.get(factId);
    if (!fact) throw new NotFoundError('Fact', factId);
    const own = parts.facts.timeline(fact.subject_entity_id, fact.predicate);
    const holders = fact.predicate === 'title' ? parts.resolver.titleTimeline(fact.object) : [];
    const all = new Map([...own, ...holders].map((r) => [r.id, r]));
    // Ended or replaced values first (by when they started), then what is believed now.
    const isCurrent = (r: (typeof own)[number]) => (r.status === 'active' && r.valid_to === null ? 1 : 0);
    const start = (r: (typeof own)[number]) => r.valid_from ?? r.valid_to ?? r.learned_at;
    const timeline = [...all.values()].sort((a, b) => isCurrent(a) - isCurrent(b) || start(a).localeCompare(start(b)) || a.seq - b.seq);
    return { timeline: timeline.map(toFact), changes: parts.facts.history(timeline.map((r) => r.id)) };
  }

  exportData(format: 'json' | 'markdown'): { format: 'json' | 'markdown'; fileName: string; content: string } {
    const file = buildExport(this.parts.db, this.parts.now());
    const day = this.parts.now().toISOString().slice(0, 10);
    return format === 'json'
      ? { format, fileName: `steward-memory-${day}.json`, content: `${JSON.stringify(file, null, 2)}\n` }
      : { format, fileName: `steward-memory-${day}.md`, content: buildMarkdown(file) };
  }

  /** Imports a JSON export: all or nothing; a file imported twice adds nothing the second time. */
  importData(content: string): ImportOutcome {
    const file = parseImportFile(content);
    const outcome = applyImport(this.parts, file);
    if (outcome.factIds.length > 0) this.parts.emit({ type: 'memory.changed', change: 'imported', factIds: outcome.factIds });
    this.tuneCache();
    this.parts.vectors.schedule();
    return outcome;
  }

  /** Deletes everything memory holds, for good (secure_delete + VACUUM). Must not run inside a transaction. */
  clearAll(): ClearCounts {
    const counts = clearMemory(this.parts.db);
    this.parts.emit({ type: 'memory.changed', change: 'cleared', factIds: [] });
    return counts;
  }

  analytics(): MemoryAnalytics {
    return computeAnalytics(this.parts.db, this.parts.questions, this.parts.vectors);
  }

  questions(includeAnswered = false): MemoryQuestion[] {
    return this.parts.questions.list(includeAnswered).map((q) => this.parts.questions.toQuestion(q));
  }

  /** Settles a conflict, an expiry proposal or a workflow suggestion. */
  answer(id: string, answer: MemoryAnswer): AnswerResult {
    return answerQuestion(this.parts, id, answer);
  }

  workflows(): MemoryWorkflow[] {
    return this.parts.patterns.list();
  }

  /** Records a finished task; after enough of the same kind, returns (and emits) a suggestion to automate it. */
  recordTask(task: TaskRecord): MemoryQuestion | null {
    const settings = this.parts.settings();
    if (!settings.enabled) return null;
    const question = this.parts.patterns.record(task, settings.suggestWorkflowsAfter);
    if (question) this.parts.emit({ type: 'memory.question', question });
    return question;
  }

  /** Proposes expiring long-unused facts (asks; never deletes by itself) and summarises quiet projects. */
  async runMaintenance(): Promise<MaintenanceResult> {
    const { parts } = this;
    const settings = parts.settings();
    const expiryQuestion = parts.db.transaction(() => proposeExpiry(parts.db, parts.questions, settings, parts.now()))();
    if (expiryQuestion) parts.emit({ type: 'memory.question', question: expiryQuestion });
    const summarisedProjects: string[] = [];
    if (settings.enabled) {
      for (const project of projectsToSummarise(parts.db, settings, parts.now())) {
        await summariseProject(parts.db, project, parts.provider, parts.log, parts.now());
        summarisedProjects.push(project.name);
      }
    }
    this.tuneCache();
    return { expiryQuestion, summarisedProjects };
  }

  /** Resolves when background learning and embedding are done (tests, shutdown). */
  async idle(): Promise<void> {
    await this.learner.idle();
    await this.parts.vectors.idle();
  }

  /** Whether semantic search is in use, how much it counts, and why not. */
  embeddingStatus(): EmbeddingStatus {
    return this.parts.vectors.status();
  }

  /** Whether a reranking model reorders memory's best results, how much it counts, and why not. */
  rerankerStatus(): RerankStatus {
    return this.rerankStage.status();
  }

  /** A model may have been installed or settings changed: try the embedder and the reranker again (after no model, nothing is retried until this). */
  retryEmbeddings(): void {
    this.parts.vectors.retry();
    this.rerankStage.retry();
  }

  private announce(change: 'remembered', result: Pick<RememberResult, 'stored' | 'questions'>): void {
    if (result.stored.length > 0) this.parts.emit({ type: 'memory.changed', change, factIds: result.stored.map((f) => f.id) });
    for (const question of result.questions) this.parts.emit({ type: 'memory.question', question });
  }

  /**
   * KNN reads every vector; on an encrypted database each page read from disk is decrypted
   * again. Sizing the page cache to hold the vectors keeps searches fast. Only ever grows.
   */
  private tuneCache(): void {
    if (!this.tuneCacheEnabled || !this.parts.db.open) return;
    const rows = (this.parts.db.prepare('SELECT (SELECT count(*) FROM memory_facts) + (SELECT count(*) FROM memory_episodes) AS n').get() as { n: number }).n;
    const wantKib = Math.min(CACHE_MAX_KIB, Math.round(CACHE_BASE_KIB + (rows * CACHE_BYTES_PER_ROW) / 1024));
    const current = this.parts.db.pragma('cache_size', { simple: true }) as number;
    const currentKib = current < 0 ? -current : (current * 4096) / 1024;
    if (wantKib > currentKib) this.parts.db.pragma(`cache_size = -${wantKib}`);
  }
}

export function createMemory(options: MemoryOptions): Memory {
  return new Memory(options);
}
