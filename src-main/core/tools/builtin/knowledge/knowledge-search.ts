/**
 * knowledge.search: the Employee looks up passages in the user's knowledge folders during a step
 * ("find what the handbook says about parental leave"). Read-only. Each passage comes back with
 * its id and where it sits; a task numbers them for citation (agent/tasks/task-citations.ts), so
 * the finished result links and lists what the step used. The passages are the documents' text:
 * untrusted, named after their files.
 */
import path from 'node:path';
import { z } from 'zod';
import type { KnowledgePassage } from '../../../../../src-preload/schemas/knowledge.js';
import { knowledgeOrigin, passageLabel } from '../../../knowledge/citations.js';
import { defineTool } from '../../tool.js';

export const KnowledgeSearchParams = z.object({
  query: z.string({ error: 'must be the words to look for' }).trim().min(1, 'is empty — give the words to look for').max(500, 'is too long (max 500 characters)'),
  limit: z.number({ error: 'must be a number of passages' }).int('must be a whole number').min(1, 'must be at least 1').max(10, 'must be at most 10').default(4),
});

export interface KnowledgeSearchOutput {
  query: string;
  passages: { passageId: number; label: string; path: string; text: string }[];
}

export type SearchKnowledge = (query: string, limit: number) => Promise<KnowledgePassage[]>;

export function createKnowledgeSearchTool(search: SearchKnowledge) {
  return defineTool<typeof KnowledgeSearchParams, KnowledgeSearchOutput>({
    name: 'knowledge.search',
    title: 'Search your documents',
    userDescription: 'Finds passages in your knowledge folders (Knowledge screen).',
    describe: (params) => `Search your documents for “${params.query}”`,
    description: "Search the user's knowledge folders (their documents) for passages about something. Returns numbered passages with their file; cite the ones you use as [n].",
    parameters: KnowledgeSearchParams,
    sideEffect: 'none',
    defaultPermission: 'always',
    idempotent: true,
    // What came back is the text of the user's documents: whatever is proposed after reading it names them.
    resultOrigin: (_params, output) => {
      const files = [...new Set(output.passages.map((p) => p.path))];
      return files.length === 0 ? null : files.map(knowledgeOrigin).join(', ');
    },
    async execute(params) {
      const found = await search(params.query, params.limit);
      const passages = found.map((p) => ({ passageId: p.id, label: passageLabel(p), path: p.path, text: p.text }));
      const files = new Set(passages.map((p) => path.basename(p.path)));
      return {
        output: { query: params.query, passages } satisfies KnowledgeSearchOutput,
        summary: passages.length === 0 ? `No passage in your documents matches “${params.query}”` : `Found ${passages.length} passage${passages.length === 1 ? '' : 's'} in ${[...files].join(', ')}`,
      };
    },
  });
}
