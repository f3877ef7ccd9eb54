/**
 * hris.directory: the HR system's employee directory (name, title, department, email, manager),
 * optionally narrowed to a name, email or department. Reads only; runs without asking.
 */
import { z } from 'zod';
import type { DirectoryEntry } from '../../../integrations/hris/hris.js';
import { defineTool } from '../../tool.js';
import { HRIS_CREDENTIALS, connectedHris, hrisConfigured, type HrisToolDeps } from './hris-target.js';

export const HrisDirectoryParams = z
  .object({
    search: z.string().trim().min(1, 'must not be empty').max(200).optional().describe('part of a name, email or job title'),
    department: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  })
  .strict();

export function createHrisDirectoryTool(deps: HrisToolDeps = {}) {
  return defineTool({
    name: 'hris.directory',
    title: 'Read the employee directory',
    userDescription: 'Lists employees from BambooHR with their titles, departments and managers.',
    description: 'Read the employee directory from the HR system (BambooHR): names, job titles, departments, work emails and managers. Narrow it with search (name, email or title) or department.',
    parameters: HrisDirectoryParams,
    sideEffect: 'none',
    defaultPermission: 'always',
    idempotent: true,
    timeoutMs: 120_000,
    credentialAccounts: HRIS_CREDENTIALS,
    resultOrigin: () => 'the BambooHR employee directory',
    isConfigured: ({ settings, secrets }) => hrisConfigured(settings, secrets),
    async execute(params, ctx) {
      const hris = await connectedHris(ctx.settings, ctx.secrets, deps);
      const all = await hris.directory(ctx.signal);
      const needle = params.search?.toLowerCase();
      const employees = all.filter(
        (e: DirectoryEntry) =>
          (!needle || [e.displayName, e.workEmail, e.jobTitle].some((v) => v?.toLowerCase().includes(needle))) && (!params.department || e.department?.toLowerCase() === params.department.toLowerCase()),
      );
      const names = employees.slice(0, 15).map((e) => `${e.displayName}${e.jobTitle ? ` (${e.jobTitle})` : ''}`);
      return {
        output: { employees, total: all.length },
        summary: `${employees.length} of ${all.length} employees in ${hris.name}${employees.length ? `: ${names.join(', ')}${employees.length > 15 ? ', …' : ''}` : ''}.`,
      };
    },
  });
}
