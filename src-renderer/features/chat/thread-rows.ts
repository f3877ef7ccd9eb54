import type { ApprovalRecord, Clarification, Message, Task } from '../../../src-preload/contract.js';
import { isTaskFinished } from '../../state/agent-work-store.js';
import type { PendingMessage } from '../../state/messages-store.js';
import { sameDay } from '../../ui/format-time.js';

/** Consecutive messages from one speaker within this gap share one avatar and name. */
const GROUP_GAP_MS = 5 * 60_000;

/**
 * One row of the virtualised thread: a day separator, a message, a message still sending, or a
 * card of the agent's work (an approval, a question, a task) at the moment it happened.
 */
export type ThreadRow =
  | { kind: 'day'; key: string; iso: string }
  | { kind: 'message'; key: string; message: Message; showHeader: boolean; showMeta: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage }
  | { kind: 'approval'; key: string; approval: ApprovalRecord }
  | { kind: 'clarification'; key: string; clarification: Clarification }
  | { kind: 'task'; key: string; task: Task };

/** The agent's work in one conversation, shown as cards between the messages. */
export interface ThreadWork {
  approvals: readonly ApprovalRecord[];
  clarifications: readonly Clarification[];
  tasks: readonly Task[];
}

const NO_WORK: ThreadWork = { approvals: [], clarifications: [], tasks: [] };

type Entry =
  | { at: string; kind: 'message'; message: Message }
  | { at: string; kind: 'approval'; approval: ApprovalRecord }
  | { at: string; kind: 'clarification'; clarification: Clarification }
  | { at: string; kind: 'task'; task: Task };

export function threadRows(messages: readonly Message[], pending: readonly PendingMessage[], work: ThreadWork = NO_WORK): ThreadRow[] {
  const entries = mergeByTime(messages, work);
  const rows: ThreadRow[] = [];
  entries.forEach((entry, index) => {
    const previous = entries[index - 1];
    const newDay = !previous || !sameDay(previous.at, entry.at);
    if (newDay) rows.push({ kind: 'day', key: `day-${entry.kind}-${keyOf(entry)}`, iso: entry.at });
    if (entry.kind !== 'message') {
      rows.push(cardRow(entry));
      return;
    }
    const { message } = entry;
    // A card between two messages breaks the run: the next message shows who speaks again.
    const previousMessage = previous?.kind === 'message' ? previous.message : undefined;
    const next = entries[index + 1];
    const nextMessage = next?.kind === 'message' ? next.message : undefined;
    // The pending message that follows a user's own run continues it.
    const endsRun = next
      ? !nextMessage || startsGroup(message, nextMessage) || !sameDay(message.createdAt, nextMessage.createdAt)
      : !(message.role === 'user' && pending.length > 0);
    rows.push({ kind: 'message', key: message.id, message, showHeader: newDay || startsGroup(previousMessage, message), showMeta: endsRun });
  });
  for (const p of pending) rows.push({ kind: 'pending', key: p.localId, pending: p });
  return rows;
}

/**
 * Messages and cards in time order. A card created in the same millisecond as a message comes
 * after it (the agent answers what was said), and ties keep their arrival order.
 */
function mergeByTime(messages: readonly Message[], work: ThreadWork): Entry[] {
  // A one-step action that asked for approval is told by its approval card (what, decided by
  // whom) and the reply; a task card beside it would only repeat the same line.
  const approved = new Set(work.approvals.map((a) => a.taskId));
  const tasks = work.tasks.filter((task) => !(task.totalSteps <= 1 && approved.has(task.id)));
  const cards: Entry[] = [
    // A running task sits where it started; a finished one moves to where it finished, beside
    // its closing summary, carrying what it produced.
    ...tasks.map((task) => ({ at: isTaskFinished(task) ? task.updatedAt : task.createdAt, kind: 'task' as const, task })),
    ...work.approvals.map((approval) => ({ at: approval.createdAt, kind: 'approval' as const, approval })),
    ...work.clarifications.map((clarification) => ({ at: clarification.createdAt, kind: 'clarification' as const, clarification })),
  ];
  const all: Entry[] = [...messages.map((message) => ({ at: message.createdAt, kind: 'message' as const, message })), ...cards];
  return all
    .map((entry, order) => ({ entry, order, rank: entry.kind === 'message' ? 0 : 1 }))
    .sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.rank - b.rank || a.order - b.order))
    .map(({ entry }) => entry);
}

function cardRow(entry: Exclude<Entry, { kind: 'message' }>): ThreadRow {
  if (entry.kind === 'approval') return { kind: 'approval', key: `approval-${entry.approval.id}`, approval: entry.approval };
  if (entry.kind === 'clarification') return { kind: 'clarification', key: `clarification-${entry.clarification.id}`, clarification: entry.clarification };
  return { kind: 'task', key: `task-${entry.task.id}`, task: entry.task };
}

function keyOf(entry: Entry): string {
  if (entry.kind === 'message') return entry.message.id;
  if (entry.kind === 'approval') return entry.approval.id;
  if (entry.kind === 'clarification') return entry.clarification.id;
  return entry.task.id;
}

/** A first guess of a row's height before it is measured; long texts get taller guesses. */
export function estimateRowHeight(row: ThreadRow | undefined): number {
  if (!row) return 80;
  if (row.kind === 'day') return 44;
  if (row.kind === 'approval') return row.approval.status === 'pending' ? 320 : 200;
  if (row.kind === 'clarification') return row.clarification.status === 'pending' ? 170 : 130;
  if (row.kind === 'task') return 150;
  const text = row.kind === 'message' ? row.message.text : row.pending.text;
  const lines = text.split('\n').length + Math.floor(text.length / 90);
  return Math.min(40 + lines * 22, 200_000);
}

function startsGroup(previous: Message | undefined, message: Message): boolean {
  if (!previous) return true;
  if (previous.role !== message.role || previous.agent !== message.agent) return true;
  return Date.parse(message.createdAt) - Date.parse(previous.createdAt) > GROUP_GAP_MS;
}
