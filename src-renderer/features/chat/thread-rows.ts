import type { Message } from '../../../src-preload/contract.js';
import type { PendingMessage } from '../../state/messages-store.js';
import { sameDay } from '../../ui/format-time.js';

/** Consecutive messages from one speaker within this gap share one avatar and name. */
const GROUP_GAP_MS = 5 * 60_000;

/** One row of the virtualised thread: a day separator, a message, or a message still sending. */
export type ThreadRow =
  | { kind: 'day'; key: string; iso: string }
  | { kind: 'message'; key: string; message: Message; showHeader: boolean; showMeta: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage };

export function threadRows(messages: readonly Message[], pending: readonly PendingMessage[]): ThreadRow[] {
  const rows: ThreadRow[] = [];
  messages.forEach((message, index) => {
    const previous = messages[index - 1];
    const next = messages[index + 1];
    const newDay = !previous || !sameDay(previous.createdAt, message.createdAt);
    // The pending message that follows a user's own run continues it.
    const endsRun = next ? startsGroup(message, next) || !sameDay(message.createdAt, next.createdAt) : !(message.role === 'user' && pending.length > 0);
    if (newDay) rows.push({ kind: 'day', key: `day-${message.id}`, iso: message.createdAt });
    rows.push({ kind: 'message', key: message.id, message, showHeader: newDay || startsGroup(previous, message), showMeta: endsRun });
  });
  for (const p of pending) rows.push({ kind: 'pending', key: p.localId, pending: p });
  return rows;
}

/** A first guess of a row's height before it is measured; long texts get taller guesses. */
export function estimateRowHeight(row: ThreadRow | undefined): number {
  if (!row) return 80;
  if (row.kind === 'day') return 44;
  const text = row.kind === 'message' ? row.message.text : row.pending.text;
  const lines = text.split('\n').length + Math.floor(text.length / 90);
  return Math.min(40 + lines * 22, 200_000);
}

function startsGroup(previous: Message | undefined, message: Message): boolean {
  if (!previous) return true;
  if (previous.role !== message.role || previous.agent !== message.agent) return true;
  return Date.parse(message.createdAt) - Date.parse(previous.createdAt) > GROUP_GAP_MS;
}
