import type { Message } from '../../../../src-preload/contract.js';
import type { ChatMessage } from '../../llm/provider.js';
import type { ConversationRepo } from '../../store/conversation-repo.js';
import type { SqliteDatabase } from '../../store/sqlite.js';
import { wrapUntrusted } from '../../tools/untrusted-content.js';
import type { ReadAttachment } from '../attachments/attachment-reader.js';
import { attachmentOrigin, attachmentsByMessage } from '../attachments/message-attachments.js';
import { ORIGIN_SEPARATOR } from '../../tools/provenance.js';
import type { ModelCaller } from '../model-caller.js';
import type { MessageProvenance } from './message-provenance.js';
import { SUMMARY_SYSTEM_PROMPT } from './system-prompts.js';
import { estimateTokens, excerpt, messageTokens } from './token-estimate.js';

export interface HistoryWindow {
  /** Recent turns, oldest first, ready for the prompt. */
  messages: ChatMessage[];
  /** Summary of the turns before them (already wrapped when it came from untrusted text), or null. */
  summary: string | null;
  /** Untrusted sources among what is included: the provenance of anything proposed from it. */
  untrusted: string[];
  tokens: number;
  /** Older messages represented only by the summary (or dropped when no summary could be made). */
  omitted: number;
}

interface Item {
  message: Message;
  content: string;
  tokens: number;
  untrusted: string | null;
}

interface SummaryRow {
  through_message_id: string;
  covered_count: number;
  summary: string;
  untrusted: number;
}

const LOAD_LIMIT = 2000;
const SUMMARY_MAX_TOKENS = 600;
/** Summaries move forward in blocks, so a long conversation does not pay for a summary every turn. */
const SUMMARY_SLACK_MESSAGES = 6;
const LABEL: Record<string, string> = { manager: 'Manager', supervisor: 'Supervisor', employee: 'Employee' };

/**
 * Picks the conversation turns that fit the prompt: as many recent ones as the budget allows,
 * with the older ones replaced by a cached summary that the model refreshes only when enough new
 * turns have scrolled out. A single huge message is shortened to its start and end.
 */
export class HistoryWindowBuilder {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly repo: ConversationRepo,
    private readonly provenance: MessageProvenance,
    private readonly now: () => Date,
  ) {}

  async build(input: { conversationId: string; excludeMessageId: string | null; budgetTokens: number; model: ModelCaller | null; signal?: AbortSignal }): Promise<HistoryWindow> {
    const budget = Math.max(0, Math.floor(input.budgetTokens));
    const loaded = this.repo.messages(input.conversationId, { limit: LOAD_LIMIT }).filter((m) => m.id !== input.excludeMessageId && m.status !== 'streaming');
    const untrustedIds = this.provenance.untrustedAmong(loaded.map((m) => m.id));
    // A follow-up question about an attached file needs its text: it comes with its message (wrapped, as the message is untrusted).
    const attached = attachmentsByMessage(this.db, loaded.map((m) => m.id));
    const items = loaded.map((message) => this.item(message, untrustedIds.get(message.id) ?? null, Math.floor(budget / 2), attached.get(message.id) ?? []));
    const total = items.reduce((sum, i) => sum + i.tokens, 0);
    if (total <= budget) return window(items, null, false, 0);

    const summaryBudget = Math.min(SUMMARY_MAX_TOKENS, Math.floor(budget * 0.25));
    const start = fittingStart(items, budget - summaryBudget);
    const cached = this.db.prepare('SELECT through_message_id, covered_count, summary, untrusted FROM conversation_summaries WHERE conversation_id = ?').get(input.conversationId) as SummaryRow | undefined;
    const cachedEnd = cached ? items.findIndex((i) => i.message.id === cached.through_message_id) + 1 : 0;

    if (cached && cachedEnd >= start) return window(items.slice(cachedEnd), cached.summary, cached.untrusted === 1, cachedEnd);

    const target = Math.max(start, Math.min(items.length - 2, start + SUMMARY_SLACK_MESSAGES));
    const from = cached ? cachedEnd : 0;
    const fresh = items.slice(from, target);
    const untrusted = (cached?.untrusted === 1) || fresh.some((i) => i.untrusted !== null);
    if (!input.model) return window(items.slice(start), null, false, start);
    try {
      const summary = await this.summarise(input.model, cached?.summary ?? null, fresh, input.signal, input.conversationId);
      const through = items[target - 1];
      if (through) {
        this.db
          .prepare(
            `INSERT INTO conversation_summaries (conversation_id, through_message_id, covered_count, summary, untrusted, updated_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT(conversation_id) DO UPDATE SET through_message_id = excluded.through_message_id, covered_count = excluded.covered_count,
               summary = excluded.summary, untrusted = excluded.untrusted, updated_at = excluded.updated_at`,
          )
          .run(input.conversationId, through.message.id, target, summary, untrusted ? 1 : 0, this.now().toISOString());
      }
      return window(items.slice(target), summary, untrusted, target);
    } catch {
      // No summary this time: the turns still fit, the oldest are simply left out (and counted).
      return window(items.slice(start), null, false, start);
    }
  }

  private item(message: Message, marked: string | null, maxTokens: number, files: readonly ReadAttachment[]): Item {
    // An attached file's text is untrusted whatever the message was marked (fail closed).
    const untrusted = marked ?? (files.length > 0 ? files.map((f) => attachmentOrigin(f.name)).join(ORIGIN_SEPARATOR) : null);
    const speaker = message.role === 'system' ? '(notice) ' : message.agent ? `[${LABEL[message.agent] ?? message.agent}] ` : '';
    const attachedText = files.map((f) => `\n\n[${f.name}]\n${f.text}`).join('');
    let content = excerpt(`${speaker}${message.text}${attachedText}`, Math.max(64, maxTokens - 60));
    if (untrusted) content = wrapUntrusted(content, { kind: 'message', detail: untrusted });
    return { message, content, tokens: messageTokens(content), untrusted };
  }

  private async summarise(model: ModelCaller, previous: string | null, items: Item[], signal: AbortSignal | undefined, conversationId: string): Promise<string> {
    const info = await model.info();
    const cap = Math.floor(info.contextSize * 0.5);
    const lines: string[] = [];
    let used = 0;
    for (let i = items.length - 1; i >= 0; i -= 1) {
      const item = items[i]!;
      const who = item.message.role === 'user' ? 'User' : 'Steward';
      const line = `${who}: ${excerpt(item.content, 300)}`;
      const tokens = estimateTokens(line);
      if (used + tokens > cap) break;
      lines.unshift(line);
      used += tokens;
    }
    const body = `${previous ? `Summary so far:\n${previous}\n\n` : ''}Conversation to add:\n${lines.join('\n')}`;
    const result = await model.chat(
      { messages: [{ role: 'system', content: SUMMARY_SYSTEM_PROMPT }, { role: 'user', content: body }], maxTokens: 400, role: 'other', signal },
      { taskId: null, conversationId },
    );
    const text = result.text.trim();
    if (!text) throw new Error('empty summary');
    return excerpt(text, SUMMARY_MAX_TOKENS - 40);
  }
}

function fittingStart(items: Item[], budget: number): number {
  let used = 0;
  let start = items.length;
  while (start > 0 && used + items[start - 1]!.tokens <= budget) {
    start -= 1;
    used += items[start]!.tokens;
  }
  return start;
}

function window(items: Item[], summary: string | null, summaryUntrusted: boolean, omitted: number): HistoryWindow {
  const untrusted = [...new Set(items.flatMap((i) => (i.untrusted ? [i.untrusted] : [])))];
  let shownSummary = summary;
  if (summary && summaryUntrusted) {
    shownSummary = wrapUntrusted(summary, { kind: 'summary', detail: 'summary of earlier messages that quoted tool results' });
    untrusted.push('summary of earlier tool results');
  }
  const messages: ChatMessage[] = items.map((i) => (i.message.role === 'user' ? { role: 'user', content: i.content } : { role: 'assistant', content: i.content }));
  const tokens = items.reduce((sum, i) => sum + i.tokens, 0) + (shownSummary ? estimateTokens(shownSummary) : 0);
  return { messages, summary: shownSummary, untrusted, tokens, omitted };
}
