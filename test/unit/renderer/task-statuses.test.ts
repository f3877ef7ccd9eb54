/**
 * One list of the statuses a task never leaves, for the core and the screens alike: the chat's
 * card order, the task cards and the message store's "task finished" all ask isTaskFinished,
 * which reads src-preload/task-statuses.ts, the list TaskStatusSchema is built from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TaskStatusSchema, TERMINAL_TASK_STATUSES as CONTRACT_TERMINAL } from '../../../src-preload/contract.js';
import { TASK_STATUSES, TERMINAL_TASK_STATUSES } from '../../../src-preload/task-statuses.js';
import { isTaskFinished } from '../../../src-renderer/state/agent-work-store.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

describe('terminal task statuses', () => {
  it('are the same list in the contract, the schema and the renderer', () => {
    expect(TaskStatusSchema.options).toEqual([...TASK_STATUSES]);
    expect(CONTRACT_TERMINAL).toBe(TERMINAL_TASK_STATUSES);
    for (const status of TaskStatusSchema.options) expect(isTaskFinished({ status }), status).toBe(TERMINAL_TASK_STATUSES.includes(status));
    expect(TERMINAL_TASK_STATUSES.filter((s) => !isTaskFinished({ status: s }))).toEqual([]);
  });

  it('are written out nowhere else in the renderer', () => {
    // A second copy is how a new status ends up finished on one screen and running on another.
    const copies = sourceFiles(path.resolve('src-renderer')).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return TERMINAL_TASK_STATUSES.every((s) => new RegExp(`['"]${s}['"]`).test(text)) && /new Set|\[\s*['"](succeeded|failed|cancelled|interrupted)['"]/.test(text);
    });
    expect(copies).toEqual([]);
  });
});
