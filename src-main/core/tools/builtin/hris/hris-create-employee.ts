/**
 * hris.createEmployee: adds a new hire to the HR system (BambooHR). It changes a system of record
 * outside this computer, so it asks for approval by default and the card names the person. A
 * person whose work email is already in the directory is not created again — a retry after a
 * lost answer, or a workflow resumed after a crash, finds them instead of making a duplicate.
 */
import { z } from 'zod';
import { HrisPermissionError } from '../../../integrations/hris/hris.js';
import { defineTool } from '../../tool.js';
import { HRIS_CREDENTIALS, connectedHris, hrisConfigured, type HrisToolDeps } from './hris-target.js';
import { IsoDate, optionalText } from './hris-params.js';

export const HRIS_CREATE_CANNOT_BE_UNDONE = 'BambooHR keeps the new employee record; Steward cannot delete it (an HR admin can, in BambooHR).';

export const HrisCreateEmployeeParams = z
  .object({
    firstName: z.string({ error: 'must be the first name' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    lastName: z.string({ error: 'must be the last name' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    workEmail: optionalText(z.email({ error: 'must be an email address such as dana@example.com' })).describe('work email; also how a second create of the same person is recognised'),
    jobTitle: optionalText(z.string().max(200, 'must be at most 200 characters')),
    department: optionalText(z.string().max(200, 'must be at most 200 characters')),
    hireDate: optionalText(IsoDate).describe('first day, YYYY-MM-DD'),
    location: optionalText(z.string().max(200, 'must be at most 200 characters')),
  })
  .strict();
export type HrisCreateEmployeeParams = z.output<typeof HrisCreateEmployeeParams>;

export interface HrisCreateEmployeeOutput {
  employeeId: string;
  url: string | null;
  /** The person was already in the directory (same work email): nothing was created. */
  alreadyExisted: boolean;
  displayName: string;
}

export function createHrisCreateEmployeeTool(deps: HrisToolDeps = {}) {
  return defineTool<typeof HrisCreateEmployeeParams, HrisCreateEmployeeOutput>({
    name: 'hris.createEmployee',
    title: 'Add an employee to the HR system',
    userDescription: 'Creates a new employee record in BambooHR.',
    description: 'Create a new employee in the HR system (BambooHR): first and last name, work email, job title, department, hire date (YYYY-MM-DD). Someone with the same work email already there is not created twice.',
    parameters: HrisCreateEmployeeParams,
    sideEffect: 'external',
    defaultPermission: 'ask',
    idempotent: false,
    timeoutMs: 120_000,
    credentialAccounts: HRIS_CREDENTIALS,
    cannotUndo: HRIS_CREATE_CANNOT_BE_UNDONE,
    describe: (p) => `Add ${p.firstName} ${p.lastName}${p.jobTitle ? `, ${p.jobTitle}` : ''}${p.department ? ` (${p.department})` : ''}${p.hireDate ? `, starting ${p.hireDate}` : ''}${p.workEmail ? `, ${p.workEmail}` : ''} to BambooHR.`,
    grantScope: (p) => p.workEmail?.toLowerCase() ?? `${p.firstName} ${p.lastName}`.toLowerCase(),
    resultOrigin: () => null,
    isConfigured: ({ settings, secrets }) => hrisConfigured(settings, secrets),
    async execute(params, ctx) {
      const hris = await connectedHris(ctx.settings, ctx.secrets, deps);
      const displayName = `${params.firstName} ${params.lastName}`;
      if (params.workEmail) {
        const existing = await findByEmail(hris, params.workEmail, ctx.signal, ctx.log);
        if (existing) {
          return {
            output: { employeeId: existing, url: null, alreadyExisted: true, displayName } satisfies HrisCreateEmployeeOutput,
            summary: `${displayName} (${params.workEmail}) is already in ${hris.name} as employee ${existing}; nothing new was created.`,
          };
        }
      }
      ctx.signal.throwIfAborted();
      const { firstName, lastName, workEmail, jobTitle, department, hireDate, location } = params;
      const created = await hris.createEmployee({ firstName, lastName, workEmail, jobTitle, department, hireDate, location }, ctx.signal);
      return {
        output: { employeeId: created.id, url: created.url, alreadyExisted: false, displayName } satisfies HrisCreateEmployeeOutput,
        summary: `Added ${displayName} to ${hris.name} as employee ${created.id}${jobTitle ? ` (${jobTitle})` : ''}.`,
      };
    },
  });
}

/** The directory may be closed to the key's user (403): then the check is skipped, not the hire. */
async function findByEmail(hris: Awaited<ReturnType<typeof connectedHris>>, email: string, signal: AbortSignal, log: (m: string) => void): Promise<string | null> {
  try {
    const match = (await hris.directory(signal)).find((e) => e.workEmail?.toLowerCase() === email.toLowerCase());
    return match?.id ?? null;
  } catch (err) {
    if (err instanceof HrisPermissionError) {
      log('directory not readable with this key; creating without the duplicate check');
      return null;
    }
    throw err;
  }
}
