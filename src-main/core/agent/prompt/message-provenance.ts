import type { SqliteDatabase } from '../../store/sqlite.js';
import { ORIGIN_SEPARATOR } from '../../tools/provenance.js';

/**
 * Which chat messages carry untrusted content (a tool's output, an Employee report written after
 * reading a file). When they are fed back into a prompt they are wrapped again, and whatever the
 * model proposes from them is marked 'untrusted' on the approval card.
 */
export class MessageProvenance {
  constructor(private readonly db: SqliteDatabase) {}

  markUntrusted(messageId: string, detail: string): void {
    if (messageId === 'orphan' || messageId === 'pending') return;
    this.db.prepare("INSERT OR REPLACE INTO message_provenance (message_id, source, detail) VALUES (?, 'untrusted', ?)").run(messageId, detail);
  }

  /**
   * Records the untrusted origins a message carries (its text was written from them); none means
   * the message is the task's own work and nothing is recorded.
   */
  markOrigins(messageId: string, origins: readonly string[]): void {
    const unique = [...new Set(origins.map((o) => o.trim()).filter(Boolean))];
    if (unique.length > 0) this.markUntrusted(messageId, unique.join(ORIGIN_SEPARATOR));
  }

  /** message id → detail, for the given messages. */
  untrustedAmong(messageIds: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    if (messageIds.length === 0) return out;
    const chunk = 500;
    for (let i = 0; i < messageIds.length; i += chunk) {
      const ids = messageIds.slice(i, i + chunk);
      const rows = this.db.prepare(`SELECT message_id, detail FROM message_provenance WHERE message_id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { message_id: string; detail: string | null }[];
      for (const row of rows) out.set(row.message_id, row.detail ?? 'earlier result');
    }
    return out;
  }
}
