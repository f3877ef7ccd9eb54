import { describe, expect, it } from 'vitest';
import type { ApprovalRecord, Clarification, Message, Task } from '../../../src-preload/contract.js';
import { threadRows } from '../../../src-renderer/features/chat/thread-rows.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 24, 10, 0, seconds)).toISOString();

const message = (id: string, seconds: number, role: Message['role'] = 'assistant', agent: Message['agent'] = 'manager'): Message => ({
  id,
  conversationId: 'c1',
  role,
  agent: role === 'user' ? null : agent,
  text: id,
  status: 'complete',
  createdAt: at(seconds),
});

const approval = (id: string, seconds: number): ApprovalRecord => ({
  id,
  conversationId: 'c1',
  taskId: 't1',
  tool: 'files.create',
  summary: 'Write notes.md',
  args: { path: 'notes.md' },
  risk: 'local',
  costEstimateUsd: null,
  provenance: { source: 'user', detail: null },
  expiresAt: at(900),
  twoFactorRequired: false,
  status: 'pending',
  finalArgs: null,
  decidedBy: null,
  decidedAt: null,
  createdAt: at(seconds),
});

const clarification = (id: string, seconds: number): Clarification => ({
  id,
  conversationId: 'c1',
  taskId: 't1',
  role: 'manager',
  question: 'Which city?',
  status: 'pending',
  answer: null,
  createdAt: at(seconds),
  answeredAt: null,
});

const task = (id: string, seconds: number): Task => ({
  id,
  conversationId: 'c1',
  title: 'Guide',
  status: 'running',
  step: 1,
  totalSteps: 3,
  createdAt: at(seconds),
  updatedAt: at(seconds),
  summary: null,
});

const shape = (rows: ReturnType<typeof threadRows>) => rows.map((r) => (r.kind === 'message' ? `message:${r.message.id}` : r.kind === 'day' ? 'day' : `${r.kind}:${r.key}`));

describe('thread rows with the agent’s work', () => {
  it('moves a finished task to where it finished, beside its summary', () => {
    const done: Task = { ...task('t1', 2), status: 'succeeded', step: 3, updatedAt: at(9), summary: '3 steps done.' };
    const rows = threadRows([message('hi', 1, 'user'), message('plan', 3), message('Finished', 8)], [], { tasks: [done], clarifications: [], approvals: [] });
    expect(shape(rows)).toEqual(['day', 'message:hi', 'message:plan', 'message:Finished', 'task:task-t1']);
  });

  it('places approvals, questions and tasks between the messages in the order they happened', () => {
    const rows = threadRows([message('hi', 0, 'user'), message('plan', 3), message('done', 9)], [], {
      tasks: [task('t1', 2)],
      clarifications: [clarification('q1', 5)],
      approvals: [approval('a1', 7)],
    });
    expect(shape(rows)).toEqual(['day', 'message:hi', 'task:task-t1', 'message:plan', 'clarification:clarification-q1', 'approval:approval-a1', 'message:done']);
  });

  it('a card created in the same millisecond as a message follows it', () => {
    const rows = threadRows([message('hi', 4, 'user')], [], { tasks: [task('t1', 4)], clarifications: [], approvals: [] });
    expect(shape(rows)).toEqual(['day', 'message:hi', 'task:task-t1']);
  });

  it('a card between two messages of the same agent makes the second one show who speaks again', () => {
    const plain = threadRows([message('one', 1), message('two', 3)], []);
    expect(plain.filter((r) => r.kind === 'message').map((r) => r.kind === 'message' && r.showHeader)).toEqual([true, false]);
    const split = threadRows([message('one', 1), message('two', 3)], [], { tasks: [], clarifications: [], approvals: [approval('a1', 2)] });
    const messages = split.filter((r) => r.kind === 'message');
    expect(messages.map((r) => r.kind === 'message' && r.showHeader)).toEqual([true, true]);
    expect(messages.map((r) => r.kind === 'message' && r.showMeta)).toEqual([true, true]);
  });

  it('pending (still sending) messages stay last, after every card', () => {
    const rows = threadRows([message('hi', 0, 'user')], [{ localId: 'local-1', conversationId: 'c1', text: 'more', createdAt: at(20) }], {
      tasks: [],
      clarifications: [],
      approvals: [approval('a1', 10)],
    });
    expect(shape(rows)).toEqual(['day', 'message:hi', 'approval:approval-a1', 'pending:local-1']);
  });
});

describe('thread rows: one card per piece of work', () => {
  it('a one-step action that asked for approval is shown by its approval card alone; a planned task keeps its card', () => {
    const action = { ...task('t1', 1), totalSteps: 1 };
    const planned = { ...task('t2', 5), totalSteps: 3 };
    const rows = threadRows([message('hi', 0, 'user')], [], {
      tasks: [action, planned],
      clarifications: [],
      approvals: [approval('a1', 2), { ...approval('a2', 6), taskId: 't2' }],
    });
    expect(shape(rows)).toEqual(['day', 'message:hi', 'approval:approval-a1', 'task:task-t2', 'approval:approval-a2']);
  });
});
