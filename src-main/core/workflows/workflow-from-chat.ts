/**
 * Workflows started from a chat sentence: "Onboard Dana Lee as Senior Engineer starting January 5
 * at $150,000, reporting to Priya". The workflow is recognised by code (its trigger words); the
 * model only reads the sentence into the workflow's inputs (JSON against a schema made from them),
 * and code checks every value. What is missing is asked for; nothing starts until the user says
 * yes to the inputs shown back. The values are data for the steps' arguments, never instructions.
 */
import { z } from 'zod';
import type { Core } from '../core-types.js';
import { toStewardError } from '../errors.js';
import type { LlmProvider } from '../llm/provider.js';
import type { WorkflowDefinition } from './workflow-definition.js';
import { checkInputs } from './workflow-inputs.js';
import type { Workflows } from './install-workflows.js';

/** A question about workflows is not a request to start one. */
const QUESTION = /\?\s*$|^\s*(what|when|which|who|why|how|did|do|does|is|are|was|were|can|could|would|should|will|have|has)\b/i;

export interface PendingWorkflowStart {
  workflowId: string;
  inputs: Record<string, unknown>;
  missing: string[];
}

export type ChatWorkflow = { kind: 'ask' | 'confirm'; text: string; pending: PendingWorkflowStart } | { kind: 'refused'; text: string };

function describeInput(definition: WorkflowDefinition, name: string): string {
  const input = definition.inputs.find((i) => i.name === name);
  return input?.description ? `${name} (${input.description})` : name;
}

/** The reply for what is known so far: ask for what is missing, or show everything back for a yes. */
function nextStep(definition: WorkflowDefinition, raw: Record<string, unknown>, problemsBefore: string[] = []): ChatWorkflow {
  const checked = checkInputs(definition, raw);
  const unreadable = definition.inputs.filter((i) => raw[i.name] !== undefined && raw[i.name] !== null && raw[i.name] !== '' && checked.values[i.name] === undefined).map((i) => i.name);
  const missing = [...checked.missing.map((i) => i.name), ...unreadable];
  const pending = { workflowId: definition.id, inputs: checked.values, missing };
  if (missing.length > 0) {
    const problems = [...problemsBefore, ...checked.problems].filter((p) => !p.includes('is not an input'));
    return {
      kind: 'ask',
      pending,
      text: [
        `To start “${definition.title}” I still need: ${missing.map((n) => describeInput(definition, n)).join('; ')}.`,
        ...(problems.length > 0 ? [`(${problems.join('; ')})`] : []),
        `Reply with them, one per line, like “${missing[0]}: …”.`,
      ].join('\n'),
    };
  }
  const shown = definition.inputs.filter((i) => checked.values[i.name] !== undefined).map((i) => `${i.name}: ${String(checked.values[i.name])}`);
  return { kind: 'confirm', pending, text: `Shall I start “${definition.title}” with ${shown.join(', ')}?\nSay yes to start it; the approvals it needs go to the people they are routed to, and you can follow it on the Workflows screen.` };
}

async function readInputs(provider: LlmProvider, definition: WorkflowDefinition, text: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
  const shape = Object.fromEntries(definition.inputs.map((i) => [i.name, z.union([z.string(), z.number(), z.boolean()]).nullable().optional()]));
  const schema = z.object(shape);
  const fields = definition.inputs.map((i) => `- ${i.name} (${i.type}${i.description ? `: ${i.description}` : ''})`).join('\n');
  try {
    const result = await provider.chatJson({
      messages: [
        { role: 'system', content: `Read the user's request into the inputs of the workflow “${definition.title}”. Use null for anything the request does not say; never guess. Dates as YYYY-MM-DD (assume the next such date), numbers without currency signs.\nInputs:\n${fields}` },
        { role: 'user', content: text },
      ],
      schema,
      schemaName: 'workflow_inputs',
      role: 'manager',
      temperature: 0,
      maxTokens: 600,
      signal,
    });
    return Object.fromEntries(Object.entries(result.value).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  } catch {
    // The model could not read it: everything is asked for instead of guessed.
    return {};
  }
}

/** Lines like "startDate: 2027-01-05"; a single missing input may be answered with the value alone. */
function parseAnswer(answer: string, missing: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of answer.split(/\n|;/)) {
    const m = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*[:=]\s*(.+?)\s*$/.exec(line);
    if (m) values[m[1]!] = m[2]!;
  }
  if (Object.keys(values).length === 0 && missing.length === 1 && answer.trim()) values[missing[0]!] = answer.trim();
  return values;
}

/** The workflow a chat sentence asks to start, read into its inputs — or null when it asks for none. */
export async function workflowFromSentence(workflows: Workflows | null, provider: LlmProvider, sentence: string, signal?: AbortSignal): Promise<ChatWorkflow | null> {
  if (!workflows || QUESTION.test(sentence)) return null;
  const entry = workflows.catalog.match(sentence);
  if (!entry) return null;
  let definition: WorkflowDefinition;
  try {
    definition = workflows.catalog.get(entry.id);
  } catch (err) {
    return { kind: 'refused', text: `I can’t start “${entry.title}” now: ${toStewardError(err).userMessage}` };
  }
  return nextStep(definition, await readInputs(provider, definition, sentence, signal));
}

/** The user's reply to "I still need …": the new values join the ones already read. */
export async function continueWorkflowInputs(workflows: Workflows, provider: LlmProvider, pending: PendingWorkflowStart, answer: string, signal?: AbortSignal): Promise<ChatWorkflow> {
  const definition = workflows.catalog.get(pending.workflowId);
  let values: Record<string, unknown> = parseAnswer(answer, pending.missing);
  if (Object.keys(values).length === 0) values = await readInputs(provider, definition, answer, signal);
  return nextStep(definition, { ...pending.inputs, ...values });
}

/** The user said yes: the run starts as the owner at this computer, from the chat. */
export function startConfirmedWorkflow(core: Core, workflows: Workflows | null, pending: PendingWorkflowStart): string {
  if (!workflows) return 'Workflows are not available right now, so nothing was started.';
  try {
    const run = workflows.engine.start({ definition: workflows.catalog.get(pending.workflowId), inputs: pending.inputs, startedBy: core.people.owner(), via: 'chat' });
    const view = workflows.engine.view(run.id);
    const now = view.steps.find((s) => s.status === 'running');
    const where = view.waitingFor ? ` — ${view.waitingFor}` : now ? ` — now on “${now.title}”` : '';
    return `Started “${run.title}”${where}. Its approvals go to the people they are routed to; follow it on the Workflows screen.`;
  } catch (err) {
    return `“${pending.workflowId}” was not started: ${toStewardError(err).userMessage}`;
  }
}

export const PendingWorkflowStartSchema = z.object({ workflowId: z.string(), inputs: z.record(z.string(), z.unknown()), missing: z.array(z.string()) });
