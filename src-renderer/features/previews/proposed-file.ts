import type { ApprovalRecord } from '../../../src-preload/schemas/agent.js';

/** The file a files.create approval would write — its path and full new content — or null for any other approval. */
export function proposedFile(approval: Pick<ApprovalRecord, 'tool' | 'args'>): { path: string; content: string } | null {
  if (approval.tool !== 'files.create') return null;
  const { path, content } = approval.args;
  return typeof path === 'string' && typeof content === 'string' ? { path, content } : null;
}
