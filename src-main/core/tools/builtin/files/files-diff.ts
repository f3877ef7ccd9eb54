import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { workspacePathSchema } from '../workspace-path.js';
import { filesReadTool } from './files-read.js';
import type { ToolContext } from '../../tool.js';
import { unifiedDiff } from './line-diff.js';

const DIFF_READ_LIMIT = 2_000_000;

export const FilesDiffParams = z
  .object({
    from: workspacePathSchema('drafts/offer-v1.md'),
    to: workspacePathSchema('drafts/offer-v2.md').optional(),
    proposedContent: z.string({ error: 'must be the proposed new text of the file' }).max(DIFF_READ_LIMIT, 'must be at most 2,000,000 characters').optional(),
    context: z.number().int('must be a whole number').min(0, 'must not be negative').max(50, 'must be at most 50').default(3),
  })
  .refine((p) => (p.to === undefined) !== (p.proposedContent === undefined), {
    message: 'give exactly one of "to" (a second file) or "proposedContent" (new text for the first file)',
    path: ['to'],
  });

export interface FilesDiffOutput {
  diff: string;
  additions: number;
  deletions: number;
  identical: boolean;
}

export const filesDiffTool = defineTool({
  name: 'files.diff',
  title: 'Compare files',
  userDescription: 'Shows what changed between two workspace files, or what a proposed edit would change.',
  describe: (params) => (params.to ? `Compare ${params.from} with ${params.to}` : `Show the proposed changes to ${params.from}`),
  description:
    'Show a unified diff between two workspace files ("from" and "to"), or between a workspace file and proposed new content ("proposedContent"). Reads only.',
  parameters: FilesDiffParams,
  sideEffect: 'none',
  defaultPermission: 'always',
  idempotent: true,
  resultOrigin: (params) => (params.to !== undefined ? `the files ${params.from} and ${params.to}` : `the file ${params.from}`),
  async execute(params, ctx) {
    const before = await readText(params.from, ctx);
    const after = params.to !== undefined ? await readText(params.to, ctx) : params.proposedContent!;
    const toLabel = params.to !== undefined ? `b/${params.to}` : `b/${params.from} (proposed)`;
    const result = unifiedDiff(before, after, { fromLabel: `a/${params.from}`, toLabel, context: params.context });
    const summary = result.identical
      ? `No differences between ${params.from} and ${params.to ?? 'the proposed content'}`
      : `${result.additions} line${result.additions === 1 ? '' : 's'} added, ${result.deletions} removed`;
    return {
      output: { diff: result.text, additions: result.additions, deletions: result.deletions, identical: result.identical } satisfies FilesDiffOutput,
      summary,
    };
  },
});

async function readText(path: string, ctx: ToolContext): Promise<string> {
  const read = await filesReadTool.execute({ path, maxBytes: DIFF_READ_LIMIT }, ctx);
  return read.output.content;
}
