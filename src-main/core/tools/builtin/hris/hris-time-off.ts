/**
 * hris.timeOff: time-off requests in the HR system between two dates (default: the next 30
 * days), optionally for one employee or one status. Reads only; runs without asking.
 */
import { z } from 'zod';
import { defineTool } from '../../tool.js';
import { HRIS_CREDENTIALS, connectedHris, hrisConfigured, type HrisToolDeps } from './hris-target.js';
import { IsoDate } from './hris-params.js';

export const HrisTimeOffParams = z
  .object({
    start: IsoDate.optional().describe('first day, YYYY-MM-DD (default today)'),
    end: IsoDate.optional().describe('last day, YYYY-MM-DD (default 30 days after start)'),
    employeeId: z.string().regex(/^\d+$/, 'must be the employee id from hris.directory (digits)').optional(),
    status: z.enum(['requested', 'approved', 'denied', 'canceled'], { error: 'must be "requested", "approved", "denied" or "canceled"' }).optional(),
  })
  .strict()
  .refine((p) => !p.start || !p.end || p.start <= p.end, { message: 'must not be before start', path: ['end'] });

export function createHrisTimeOffTool(deps: HrisToolDeps & { today?: () => string } = {}) {
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10));
  return defineTool({
    name: 'hris.timeOff',
    title: 'Read time-off requests',
    userDescription: 'Lists time-off requests from BambooHR for a range of dates.',
    description: 'Read time-off requests (vacation, sick leave …) from the HR system (BambooHR) between start and end (YYYY-MM-DD; default the next 30 days), optionally for one employeeId or status.',
    parameters: HrisTimeOffParams,
    sideEffect: 'none',
    defaultPermission: 'always',
    idempotent: true,
    timeoutMs: 120_000,
    credentialAccounts: HRIS_CREDENTIALS,
    resultOrigin: () => 'time-off requests in BambooHR',
    isConfigured: ({ settings, secrets }) => hrisConfigured(settings, secrets),
    async execute(params, ctx) {
      const start = params.start ?? today();
      const end = params.end ?? new Date(Date.parse(`${start}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
      const hris = await connectedHris(ctx.settings, ctx.secrets, deps);
      const requests = await hris.timeOffRequests({ start, end, employeeId: params.employeeId, status: params.status }, ctx.signal);
      const lines = requests.slice(0, 10).map((r) => `${r.name}: ${r.type} ${r.start}–${r.end} (${r.status})`);
      return {
        output: { start, end, requests },
        summary: `${requests.length} time-off request${requests.length === 1 ? '' : 's'} in ${hris.name} from ${start} to ${end}${lines.length ? `: ${lines.join('; ')}${requests.length > 10 ? '; …' : ''}` : ''}.`,
      };
    },
  });
}
