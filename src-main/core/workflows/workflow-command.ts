/**
 * "/workflow <id> name=\"value\" …": starts a workflow with its inputs written out — the user's own
 * typed command (or a schedule's request, which is how a workflow starts on a schedule), parsed by
 * code, so it starts at once without the chat's confirmation question. "/workflow" alone lists them.
 */
import type { Core } from '../core-types.js';
import { toStewardError } from '../errors.js';
import type { Workflows } from './install-workflows.js';

export function parseWorkflowArgs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Za-z][A-Za-z0-9_]*)=(?:"([^"]*)"|'([^']*)'|(\S+))/g)) out[m[1]!] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

export function runWorkflowCommand(core: Core, workflows: Workflows | null, rest: string, conversationId: string): string {
  if (!workflows) return 'Workflows are not available right now.';
  const [id = '', ...args] = rest.trim().split(/\s+/);
  if (!id) {
    const list = workflows.catalog.list();
    return [
      'Workflows (start one with /workflow <id> name="value" …):',
      ...list.map((w) => `- ${w.id} — ${w.title}${w.inputs.length ? ` (${w.inputs.map((i) => `${i.name}${i.required ? '' : '?'}`).join(', ')})` : ''}${w.problems.length ? ' — cannot start now' : ''}`),
    ].join('\n');
  }
  // A schedule's own conversation: the run is recorded as started by the schedule.
  const scheduled = core.db.raw.prepare('SELECT 1 FROM schedules WHERE conversation_id = ?').get(conversationId) !== undefined;
  try {
    const run = workflows.engine.start({ definition: workflows.catalog.get(id), inputs: parseWorkflowArgs(args.join(' ')), startedBy: core.people.owner(), via: scheduled ? 'schedule' : 'chat' });
    const view = workflows.engine.view(run.id);
    const now = view.steps.find((s) => s.status === 'running');
    return `Started “${run.title}”${view.waitingFor ? ` — ${view.waitingFor}` : now ? ` — now on “${now.title}”` : ''}. Follow it on the Workflows screen.`;
  } catch (err) {
    return toStewardError(err).userMessage;
  }
}
