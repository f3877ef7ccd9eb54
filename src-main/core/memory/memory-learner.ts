/**
 * The background learning pass after each reply: store the turn as episodes (redacted), hand
 * any credential to the keychain, ask the model for facts, and write what survives validation.
 * The reply never waits for it: `learnFromTurn` returns a promise the caller does not await,
 * passes run one after another, and a failing model only means nothing new was learned.
 */
import type { FactCategory, MemoryFact, MemoryQuestion, MemorySettings } from '../../../src-preload/schemas/memory.js';
import { toStewardError } from '../errors.js';
import type { ConversationModel, LlmProvider } from '../llm/provider.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import type { CredentialVault, SavedCredential } from './credential-vault.js';
import type { EntityStore } from './entity-store.js';
import type { EpisodeStore } from './episode-store.js';
import { extractFacts, type TurnText } from './extraction.js';
import { toFact } from './fact-store.js';
import { isStorableName, validateCandidate, type CandidateFact } from './fact-validation.js';
import type { FactWriter, WriteContext, WriteOutcome } from './fact-writer.js';
import type { MemoryEventSink } from './memory-events.js';
import type { MemoryLogger } from './memory-log.js';
import { redactSensitive } from './privacy-filter.js';
import { storeTurn } from './turn-chunks.js';
import type { VectorIndex } from './vector-index.js';

export interface TurnInput {
  conversationId?: string | null;
  /** origin: set when the text was not the user's own words (pasted by the user; a reply that read untrusted text). */
  user: { messageId?: string | null; text: string; origin?: string | null };
  assistant?: { messageId?: string | null; text: string; origin?: string | null } | null;
  /** Earlier turns, for the model's context only (they were stored when they happened). */
  context?: readonly TurnText[];
  /** When the turn happened (default: when its pass runs); queued turns keep their own times. */
  at?: Date;
  /** The model the conversation is kept on (its chat header choice): extraction stays with it. null: the router picks. */
  model?: ConversationModel | null;
  signal?: AbortSignal;
}

export interface DroppedFact {
  reason: string;
  predicate: string;
}

export interface LearnResult {
  skipped: 'memory_off' | null;
  episodes: number;
  stored: MemoryFact[];
  questions: MemoryQuestion[];
  dropped: DroppedFact[];
  credentials: SavedCredential[];
  /** Error code when the model could not be asked (nothing was learned from it this turn). */
  error: string | null;
}

export interface LearnerDeps {
  db: SqliteDatabase;
  entities: EntityStore;
  episodes: EpisodeStore;
  writer: FactWriter;
  vault: CredentialVault;
  vectors: VectorIndex;
  provider: LlmProvider | null;
  settings: () => MemorySettings;
  log: MemoryLogger;
  emit: MemoryEventSink;
}

/** Writes validated candidates in one transaction; shared by learning, "Remember that …" and edits. */
export function writeCandidates(
  deps: Pick<LearnerDeps, 'db' | 'writer' | 'log'>,
  candidates: readonly CandidateFact[],
  ctx: WriteContext,
  now: Date,
  allowCategory: (category: FactCategory) => boolean,
): { outcomes: WriteOutcome[]; dropped: DroppedFact[] } {
  const dropped: DroppedFact[] = [];
  const outcomes: WriteOutcome[] = [];
  // Most turns propose nothing: no empty transaction (each commit costs more than the turn's own insert).
  if (candidates.length === 0) return { outcomes, dropped };
  deps.db.transaction(() => {
    for (const candidate of candidates) {
      const checked = validateCandidate(candidate, now);
      if (!checked.ok) {
        dropped.push({ reason: checked.reason, predicate: checked.predicate });
        deps.log.warn('dropped a proposed fact', { reason: checked.reason, predicate: checked.predicate, source: ctx.source });
        continue;
      }
      if (!allowCategory(checked.fact.category)) {
        dropped.push({ reason: `learning is off for ${checked.fact.category}`, predicate: checked.fact.predicate });
        continue;
      }
      outcomes.push(deps.writer.write(checked.fact, ctx));
    }
  })();
  return { outcomes, dropped };
}

/**
 * Turns waiting together are stored in one transaction, at most this many: a commit (WAL pages
 * encrypted and written, a new FTS5 segment) costs more than the turn's own rows, so a burst of
 * turns (an import, a backlog after a busy minute) is stored many times faster; a single turn
 * is stored at once as before.
 */
export const STORE_BATCH_TURNS = 64;

interface Waiting {
  turn: TurnInput;
  resolve: (result: LearnResult) => void;
}

/** One turn after the privacy filter and the keychain, before its episodes are stored. */
interface PreparedTurn {
  turn: TurnInput;
  result: LearnResult;
  settings: MemorySettings;
  parts: { role: 'user' | 'assistant'; messageId: string | null; raw: string; origin: string | null; redacted: ReturnType<typeof redactSensitive> }[];
}

export class MemoryLearner {
  private readonly waiting: Waiting[] = [];
  private draining: Promise<void> | null = null;
  private pending = 0;

  constructor(
    private readonly deps: LearnerDeps,
    private readonly now: () => Date,
  ) {}

  /** Queues a pass for this turn and returns at once; the promise settles when it is done and never rejects. */
  learnFromTurn(turn: TurnInput): Promise<LearnResult> {
    this.pending += 1;
    const done = new Promise<LearnResult>((resolve) => this.waiting.push({ turn, resolve }));
    this.drainSoon();
    return done.finally(() => {
      this.pending -= 1;
    });
  }

  /** Resolves once every queued pass has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending > 0) await (this.draining ?? new Promise<void>((resolve) => setImmediate(resolve)));
  }

  private drainSoon(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.waiting.length > 0) this.drainSoon();
    });
  }

  private async drain(): Promise<void> {
    // Let the caller's synchronous loop queue the rest of a burst first: they are then stored together.
    await Promise.resolve();
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, STORE_BATCH_TURNS);
      try {
        const results = await this.passBatch(batch.map((w) => w.turn));
        batch.forEach((w, i) => w.resolve(results[i]!));
      } catch (err) {
        const failed = this.failedPass(err);
        for (const w of batch) w.resolve(failed);
      }
    }
  }

  /** Several turns: each through the filter and keychain, all their episodes in one transaction, then each one's facts. */
  private async passBatch(turns: readonly TurnInput[]): Promise<LearnResult[]> {
    const prepared: (PreparedTurn | LearnResult)[] = [];
    for (const turn of turns) prepared.push(await this.prepare(turn).catch((err: unknown) => this.failedPass(err)));
    const ready = prepared.filter((p): p is PreparedTurn => 'parts' in p);
    if (ready.length > 0) this.deps.db.transaction(() => ready.forEach((p) => this.storeEpisodes(p)))();
    const results: LearnResult[] = [];
    for (const p of prepared) results.push('parts' in p ? await this.learnFacts(p) : p);
    if (ready.length > 0) this.deps.vectors.schedule();
    return results;
  }

  private failedPass(err: unknown): LearnResult {
    this.deps.log.warn('learning pass failed', { code: toStewardError(err).code });
    return { ...emptyResult(), error: toStewardError(err).code };
  }

  /** The privacy filter, and credentials to the keychain, before anything else happens with the text. */
  private async prepare(turn: TurnInput): Promise<PreparedTurn | LearnResult> {
    const { deps } = this;
    const result = emptyResult();
    const settings = deps.settings();
    if (!settings.enabled) return { ...result, skipped: 'memory_off' };

    const parts = [
      { role: 'user' as const, messageId: turn.user.messageId ?? null, raw: turn.user.text, origin: turn.user.origin ?? null },
      ...(turn.assistant ? [{ role: 'assistant' as const, messageId: turn.assistant.messageId ?? null, raw: turn.assistant.text, origin: turn.assistant.origin ?? null }] : []),
    ].map((p) => ({ ...p, redacted: redactSensitive(p.raw, { withhold: settings.withhold }) }));

    // Credentials go to the keychain before anything else happens with the text — only ones the
    // user typed: a password inside a pasted email belongs to whoever wrote it.
    for (const p of parts) {
      if (p.role === 'user' && !p.origin) result.credentials.push(...(await deps.vault.capture(p.raw, p.redacted.findings)));
    }
    // A credential is never kept without telling the user where it went and how to undo it.
    for (const c of result.credentials) {
      const what = /-password(?:-\d+)?$/.test(c.account) ? 'password' : 'key';
      deps.emit({
        type: 'notification',
        level: 'info',
        title: `Saved a ${what} for ${c.service} in the system keychain`,
        body: `Your message contained what looks like a ${what} for ${c.service}. Steward kept it in the OS keychain as "${c.account}", not in memory; the Memory screen lists it under Integrations. If it was not a ${what}, delete that fact there and the "${c.account}" entry from your keychain.`,
      });
    }

    return { turn, result, settings, parts };
  }

  /** Inside the batch's transaction. Empty turns are not kept; long ones are capped and stored as chunks (turn-chunks.ts). */
  private storeEpisodes({ turn, result, parts }: PreparedTurn): void {
    const { deps } = this;
    const createdAt = turn.at?.toISOString();
    for (const p of parts) {
      const input = { conversationId: turn.conversationId ?? null, messageId: p.messageId, role: p.role, text: p.redacted.text, redactions: p.redacted.findings.length, origin: p.origin, ...(createdAt ? { createdAt } : {}) };
      for (const row of storeTurn(deps.episodes, input)) {
        result.episodes += 1;
        deps.episodes.linkEntities(row.id, deps.entities.findMentioned(row.text).map((e) => e.id));
      }
    }
  }

  private async learnFacts({ turn, result, settings, parts }: PreparedTurn): Promise<LearnResult> {
    const { deps } = this;

    const ctx: WriteContext = { source: 'learned', sourceMessageId: turn.user.messageId ?? null, sourceConversationId: turn.conversationId ?? null };
    const candidates: CandidateFact[] = result.credentials.map((c) => ({
      subject: c.service,
      subjectType: 'tool',
      predicate: 'credential_in_keychain',
      object: c.account,
      category: 'integrations',
      confidence: 1,
    }));

    let aliases: { name: string; type: Parameters<LearnerDeps['entities']['ensure']>[1]; aliases: string[] }[] = [];
    if (deps.provider) {
      try {
        const turns: TurnText[] = [
          ...(turn.context ?? []).map((t) => ({ role: t.role, text: redactSensitive(t.text).text })),
          ...parts.map((p) => ({ role: p.role, text: p.redacted.text })),
        ];
        const extracted = await extractFacts(deps.provider, turns, { explicitRequest: false, ...(turn.signal ? { signal: turn.signal } : {}), ...(turn.model && { model: turn.model }) });
        if (extracted.truncated > 0) deps.log.warn('too many facts proposed for one turn; kept the first ones', { dropped: extracted.truncated });
        candidates.push(...extracted.candidates);
        aliases = extracted.entities.filter((e) => e.aliases.length > 0);
      } catch (err) {
        result.error = toStewardError(err).code;
        deps.log.warn('the model could not extract facts from this turn', { code: result.error });
      }
    }

    // A model may lift a secret out of context and give it an innocent predicate; anything that
    // overlaps a span the privacy filter flagged in the turn is dropped, whatever it is called.
    const flagged = parts.flatMap((p) => p.redacted.findings.map((f) => squash(f.value))).filter((v) => v.length >= 3);
    const touchesFlagged = (text: string) => {
      const value = squash(text);
      return value.length >= 3 && flagged.some((f) => f.includes(value) || value.includes(f));
    };
    const safe = candidates.filter((c) => {
      const overlaps = touchesFlagged(c.object) || touchesFlagged(c.subject);
      if (overlaps && c.predicate !== 'credential_in_keychain') {
        result.dropped.push({ reason: 'sensitive: overlaps data the privacy filter removed from the turn', predicate: '[withheld]' });
        deps.log.warn('dropped a proposed fact', { reason: 'sensitive overlap', predicate: '[withheld]', source: 'learned' });
        return false;
      }
      return true;
    });
    // Taint follows the data: a fact takes the origin of the text it could have come from. Pasted
    // text taints everything; a reply that read untrusted text taints what the user did not say.
    const userOrigin = parts[0]!.origin;
    const assistantOrigin = parts[1]?.origin ?? null;
    const userWords = squash(turn.user.text);
    const originOf = (c: CandidateFact): string | null => {
      if (userOrigin) return userOrigin;
      if (!assistantOrigin || c.predicate === 'credential_in_keychain') return null;
      const object = squash(c.object);
      return object.length >= 2 && userWords.includes(object) ? null : assistantOrigin;
    };
    const allow = (category: FactCategory) => settings.learning[category];
    const trusted = safe.filter((c) => originOf(c) === null);
    const untrusted = safe.filter((c) => originOf(c) !== null);
    const at = turn.at ?? this.now();
    const first = writeCandidates(deps, trusted, ctx, at, allow);
    const second = untrusted.length > 0 ? writeCandidates(deps, untrusted, { ...ctx, origin: userOrigin ?? assistantOrigin }, at, allow) : { outcomes: [], dropped: [] };
    const outcomes = [...first.outcomes, ...second.outcomes];
    result.dropped.push(...first.dropped, ...second.dropped);
    if (aliases.length > 0) deps.db.transaction(() => {
      for (const e of aliases) {
        if (!isStorableName(e.name) || touchesFlagged(e.name)) continue;
        const known = deps.entities.findByName(e.name).find((x) => x.type === e.type);
        if (known) deps.entities.addAliases(known.id, e.aliases.filter((a) => isStorableName(a) && !touchesFlagged(a)));
      }
    })();
    collect(result, outcomes);
    if (result.stored.length > 0) deps.emit({ type: 'memory.changed', change: 'learned', factIds: result.stored.map((f) => f.id) });
    for (const question of result.questions) deps.emit({ type: 'memory.question', question });
    return result;
  }
}

export function collect(result: Pick<LearnResult, 'stored' | 'questions'>, outcomes: readonly WriteOutcome[]): void {
  for (const outcome of outcomes) {
    result.stored.push(toFact(outcome.fact));
    if (outcome.kind === 'pending') result.questions.push(outcome.question);
  }
}

/** Letters and digits only, lower case: "4111 1111-1111" and "41111111" compare equal. */
const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function emptyResult(): LearnResult {
  return { skipped: null, episodes: 0, stored: [], questions: [], dropped: [], credentials: [], error: null };
}
