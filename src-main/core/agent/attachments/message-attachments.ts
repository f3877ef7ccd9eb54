/**
 * Attached files as the agent sees them: stored with the message they came with (in the encrypted
 * database), each an untrusted origin named "the attached file <name>" (DESIGN §4.2), so whatever
 * is proposed after reading one asks for approval with the file named on the card.
 */
import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../../store/sqlite.js';
import { wrapUntrusted } from '../../tools/untrusted-content.js';
import type { ReadAttachment } from './attachment-reader.js';

/** The origin an attached file's content has on approval cards and in message provenance. */
export function attachmentOrigin(name: string): string {
  return `the attached file ${name}`;
}

export function saveAttachments(db: SqliteDatabase, input: { conversationId: string; messageId: string; files: readonly ReadAttachment[]; at: string }): void {
  const insert = db.prepare('INSERT INTO message_attachments (id, conversation_id, message_id, name, bytes, text, media_type, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const file of input.files) insert.run(randomUUID(), input.conversationId, input.messageId, file.name, file.bytes, file.text, file.image?.mediaType ?? null, file.image?.data ?? null, input.at);
}

interface AttachmentRow {
  name: string;
  bytes: number;
  text: string;
  media_type: string | null;
  data: Buffer | null;
}

function fromRow(row: AttachmentRow): ReadAttachment {
  return { name: row.name, bytes: row.bytes, text: row.text, image: row.media_type && row.data ? { mediaType: row.media_type, data: row.data } : null };
}

export function attachmentsOf(db: SqliteDatabase, messageId: string): ReadAttachment[] {
  return (db.prepare('SELECT name, bytes, text, media_type, data FROM message_attachments WHERE message_id = ? ORDER BY rowid').all(messageId) as AttachmentRow[]).map(fromRow);
}

/** The files attached to each of these messages (for the history of later turns). */
export function attachmentsByMessage(db: SqliteDatabase, messageIds: readonly string[]): Map<string, ReadAttachment[]> {
  const out = new Map<string, ReadAttachment[]>();
  const chunk = 500;
  for (let i = 0; i < messageIds.length; i += chunk) {
    const ids = messageIds.slice(i, i + chunk);
    const rows = db.prepare(`SELECT message_id, name, bytes, text FROM message_attachments WHERE message_id IN (${ids.map(() => '?').join(',')}) ORDER BY rowid`).all(...ids) as (ReadAttachment & { message_id: string })[];
    for (const { message_id: id, ...file } of rows) out.set(id, [...(out.get(id) ?? []), file]);
  }
  return out;
}

/** The request for the model: what the user typed, then each file's text wrapped as untrusted data under its name. */
export function withAttachments(text: string, files: readonly ReadAttachment[]): string {
  if (files.length === 0) return text;
  // An image's block is its placeholder: the picture itself travels beside the text (ChatMessage.images), under the same origin.
  const blocks = files.map((f) => wrapUntrusted(f.text, { kind: 'file', detail: attachmentOrigin(f.name) }));
  return [text, ...blocks].filter((part) => part.trim() !== '').join('\n\n');
}

/** The line the user's message shows under what they typed ("Attached: offer.docx (12 KB)"). */
export function attachedLine(files: readonly ReadAttachment[]): string {
  return `Attached: ${files.map((f) => `${f.name} (${f.bytes < 1024 ? `${f.bytes} bytes` : `${Math.round(f.bytes / 1024).toLocaleString('en-US')} KB`})`).join(', ')}`;
}
