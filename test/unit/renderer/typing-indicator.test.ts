import { describe, expect, it } from 'vitest';
import type { StewardApi, Task } from '../../../src-preload/contract.js';
import { parseIteration, typingPhrase } from '../../../src-renderer/features/chat/agent-activity-text.js';
import { createMessagesStore } from '../../../src-renderer/state/messages-store.js';

const api: StewardApi = {
  call: (async () => []) as unknown as StewardApi['call'],
  onEvent: () => () => {},
  onConnectionChange: () => () => {},
};
const C = 'c1';
const status = (role: 'manager' | 'supervisor' | 'employee', text: string, taskId: string | null = 't1') => ({ type: 'agent.status' as const, conversationId: C, taskId, role, text });

describe('typing indicator words', () => {
  it('names the agent and what it is doing', () => {
    expect(typingPhrase('manager', 'Planning…')).toBe('Manager is planning…');
    expect(typingPhrase('supervisor', 'Reviewing step 1/2: Draft')).toBe('Supervisor is reviewing…');
    expect(typingPhrase('employee', 'Step 1/2: Write the landing page code')).toBe('Employee is writing code…');
    expect(typingPhrase('employee', 'Running send_email')).toBe('Employee is writing an email…');
    expect(typingPhrase('employee', 'Step 2/3: Write the offer letter')).toBe('Employee is writing a document…');
    expect(typingPhrase('employee', 'Thinking')).toBe('Employee is working…');
  });

  it('reads the iteration counter from a status text', () => {
    expect(parseIteration('Iteration 2/3: refining based on feedback')).toEqual({ current: 2, total: 3, detail: 'refining based on feedback' });
    expect(parseIteration('iteration 3 / 3')).toEqual({ current: 3, total: 3, detail: null });
    expect(parseIteration('Step 1/2: Draft')).toBeNull();
    expect(parseIteration('Iteration 0/3')).toBeNull();
  });
});

describe('typing indicator state in the messages store', () => {
  it('shows the latest agent, keeps the iteration for the same task, and clears when the reply completes', () => {
    const store = createMessagesStore(api);
    store.getState().applyEvent(status('manager', 'Planning…'));
    expect(store.getState().activity[C]).toEqual({ role: 'manager', text: 'Planning…', taskId: 't1', iteration: null });

    store.getState().applyEvent(status('employee', 'Iteration 2/3: refining based on feedback'));
    store.getState().applyEvent(status('supervisor', 'Reviewing step 1/1: Offer letter'));
    expect(store.getState().activity[C]).toMatchObject({ role: 'supervisor', iteration: { current: 2, total: 3 } });
    // Another task starts: its counter starts afresh.
    store.getState().applyEvent(status('manager', 'Planning…', 't2'));
    expect(store.getState().activity[C]?.iteration).toBeNull();

    store.getState().applyEvent({
      type: 'message.completed',
      message: { id: 'm1', conversationId: C, role: 'assistant', agent: 'manager', text: 'Plan: …', status: 'complete', createdAt: '2026-01-01T10:00:00.000Z' },
    });
    expect(store.getState().activity[C]).toBeUndefined();
  });

  it('clears the indicator when its task ends without a message (cancelled, failed)', () => {
    const store = createMessagesStore(api);
    store.getState().applyEvent(status('employee', 'Running write_note', 't9'));
    const task = { id: 't9', status: 'running' } as Task;
    store.getState().applyEvent({ type: 'task.updated', task });
    expect(store.getState().activity[C]).toBeDefined();
    store.getState().applyEvent({ type: 'task.updated', task: { ...task, status: 'cancelled' } });
    expect(store.getState().activity[C]).toBeUndefined();
  });
});
