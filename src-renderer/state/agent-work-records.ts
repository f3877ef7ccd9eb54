import type { Task } from '../../src-preload/contract.js';

/** The list operations the agent-work store builds its state with (pure: they copy, never mutate). */

/** Replaces the item with the same id, or appends it. */
export function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  const index = list.findIndex((x) => x.id === item.id);
  if (index === -1) return [...list, item];
  const next = list.slice();
  next[index] = item;
  return next;
}

/**
 * Adds tasks to what we know, never going back in time: a list fetched before a task finished can
 * arrive after its "finished" event, and must not bring back the running state (a task stuck in
 * the active panel). Equal timestamps take the newcomer, which is at least as fresh.
 */
export function mergeTasks(known: Readonly<Record<string, Task>>, incoming: readonly Task[]): Record<string, Task> {
  const next = { ...known };
  for (const task of incoming) {
    const current = next[task.id];
    if (!current || current.updatedAt <= task.updatedAt) next[task.id] = task;
  }
  return next;
}

/** Oldest first. */
export function byCreated<T extends { createdAt: string }>(list: readonly T[]): T[] {
  return list.slice().sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}
