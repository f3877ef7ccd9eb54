import type { ChatMessage, ToolCall, ToolDefinition } from '../../llm/provider.js';
import { ProvenanceTracker, resultOriginOf } from '../../tools/provenance.js';
import { toToolDefinition, wireToolName } from '../../tools/tool-json-schema.js';
import { summarise } from '../../tools/tool-runner.js';
import { UNTRUSTED_RULE, wrapUntrusted } from '../../tools/untrusted-content.js';
import type { AgentNeeds } from '../agent-deps.js';
import { excerpt } from '../prompt/token-estimate.js';
import type { StepRecord } from '../tasks/agent-task-store.js';
import { citeFoundPassages, KNOWLEDGE_SEARCH_TOOL } from '../tasks/task-citations.js';
import { StepFailedError, TaskInterruptedError } from '../tasks/task-errors.js';
import type { TaskRun } from '../tasks/task-run.js';
import type { Plan, StepState } from '../tasks/task-state.js';
import type { StepCallSummary, StepWork } from './supervisor.js';

type Needs = AgentNeeds<'calls' | 'model' | 'registry' | 'tasks'>;

export const ASK_USER_TOOL: ToolDefinition = {
  name: 'ask_user',
  description: 'Ask the user one question when you need information only they have. The step pauses until they answer.',
  parameters: { type: 'object', properties: { question: { type: 'string', description: 'The question, in one sentence.' } }, required: ['question'] },
};

/** Model turns per attempt at a step: enough for call → fix → call → report, not for loops. */
export const MAX_ROUNDS = 8;

const EMPLOYEE_RULES = [
  'You are the Employee. Do one step of a plan with the tools you are given.',
  'Files are relative to this task’s workspace folder. Use the step’s tool to do the work; when the step is done, reply with a short report of what you did and produced (no tool call).',
  'If you need information only the user has, call ask_user. Never guess addresses, amounts or names.',
].join('\n');

export interface EarlierStep {
  title: string;
  output: string;
  /** Untrusted origins that were in that step's context: its report carries them on. */
  taint: readonly string[];
}

/**
 * The Employee works one attempt at a step: model turn → tool calls through the ToolRunner →
 * results back (wrapped as untrusted) → … → report. The transcript is saved after every model
 * turn and every tool result, so a restart continues exactly where it stopped.
 */
export async function performStep(
  deps: Needs,
  run: TaskRun,
  input: { plan: Plan; step: StepRecord; iteration: number; earlier: EarlierStep[] },
): Promise<StepWork> {
  const { step } = input;
  const st: StepState = step.state;
  const stepTool = step.tool ? deps.registry.find(step.tool) : null;
  if (step.tool && !stepTool) throw new StepFailedError(step.title, `the tool "${step.tool}" is no longer installed`, 'failed');

  const tracker = new ProvenanceTracker(run.state.provenance);
  for (const source of st.taint) tracker.taint(source);
  const save = () => deps.tasks.updateStep(run.taskId, step.idx, { state: st });
  const tools = [...(stepTool ? [toToolDefinition(stepTool)] : []), ASK_USER_TOOL];

  if (st.transcript.length === 0) {
    st.transcript = [
      { role: 'system', content: `${EMPLOYEE_RULES}\n\n${UNTRUSTED_RULE}` },
      { role: 'user', content: stepBrief(run, input, st, tracker) },
    ];
    st.taint = tracker.list();
    save();
  }

  const prefix = `s${step.idx}.i${input.iteration}.`;
  for (;;) {
    const pending = unansweredCalls(st.transcript);
    if (pending.length > 0) {
      for (const { call, index, turnAt } of pending) {
        // Keyed by the turn's position in the transcript: stable across restarts, unique per call.
        const key = `${prefix}m${turnAt}.c${index}`;
        const content = await handleCall(deps, run, { call, key, stepTitle: step.title, stepTool: step.tool, plannedFiles: input.plan.steps[step.idx]?.expectedFiles ?? [], tracker, st, save });
        st.transcript.push({ role: 'tool', content, toolCallId: call.id, name: call.name });
        st.taint = tracker.list();
        save();
      }
      continue;
    }
    const last = st.transcript.at(-1);
    if (last?.role === 'assistant') return { output: last.content.trim() || '(done)', calls: callsOf(deps, run.taskId, prefix) };
    if (st.transcript.filter((m) => m.role === 'assistant').length >= MAX_ROUNDS) break;

    const result = await deps.model.chat({ messages: st.transcript, tools, role: 'employee', signal: run.signal }, { taskId: run.taskId, conversationId: run.conversationId });
    if (result.finishReason === 'aborted') run.signal.throwIfAborted();
    const toolCalls = uniqueIds(result.toolCalls, st.transcript.length);
    st.transcript.push(toolCalls.length > 0 ? { role: 'assistant', content: result.text, toolCalls } : { role: 'assistant', content: result.text });
    save();
  }
  return { output: null, calls: callsOf(deps, run.taskId, prefix) };
}

function stepBrief(run: TaskRun, input: { plan: Plan; step: StepRecord; earlier: EarlierStep[] }, st: StepState, tracker: ProvenanceTracker): string {
  const planStep = input.plan.steps[input.step.idx]!;
  const earlier = input.earlier.map((e, i) => {
    // A report is as trusted as what its step read: it names the same items (the file, the email).
    for (const origin of e.taint) tracker.taint(origin);
    return `Step ${i + 1} (${e.title}):\n${wrapUntrusted(excerpt(e.output, 600), { kind: 'report', detail: `result of step ${i + 1}` })}`;
  });
  return [
    `Request: ${run.state.request}`,
    `Plan: ${input.plan.title}`,
    `Step ${input.step.idx + 1}/${input.plan.steps.length}: ${planStep.title}`,
    `Tool for this step: ${planStep.tool ?? 'none (write the result in your report)'}`,
    `Instructions: ${planStep.instructions}`,
    `Expected output: ${planStep.expectedOutput}`,
    planStep.expectedFiles.length ? `Files this step must create: ${planStep.expectedFiles.join(', ')}` : '',
    run.state.qa.length ? `Answers from the user:\n${run.state.qa.map((q) => `Q: ${q.question}\nA: ${q.answer}`).join('\n')}` : '',
    earlier.length ? `Results of earlier steps:\n${earlier.join('\n')}` : '',
    // The passages the plan was made from (wrapped as untrusted; they tainted the task when recalled).
    run.state.knowledge ? run.state.knowledge.passages : '',
    st.qa.length ? `Answers to your questions:\n${st.qa.map((q) => `Q: ${q.question}\nA: ${q.answer}`).join('\n')}` : '',
    st.feedback.length ? `The Supervisor asked for changes — address all of them:\n${st.feedback.map((f) => `- ${f}`).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

async function handleCall(
  deps: Needs,
  run: TaskRun,
  input: { call: ToolCall; key: string; stepTitle: string; stepTool: string | null; plannedFiles: readonly string[]; tracker: ProvenanceTracker; st: StepState; save: () => void },
): Promise<string> {
  const { call, st } = input;
  if (call.name === 'ask_user') {
    const question = typeof call.arguments.question === 'string' && call.arguments.question.trim() ? call.arguments.question.trim() : 'Could you tell me more about what you need for this step?';
    const answer = await run.askUser('employee', question, input.key, {
      pending: st.pending,
      save: (pending) => {
        st.pending = pending;
        input.save();
      },
    });
    st.qa.push({ question, answer });
    return `The user answered: ${answer}`;
  }
  // The model calls tools by their wire names ("files_read" for "files.read").
  if (!input.stepTool || (call.name !== input.stepTool && call.name !== wireToolName(input.stepTool))) {
    return `Error: the tool "${call.name}" is not available in this step. ${input.stepTool ? `Use "${wireToolName(input.stepTool)}".` : 'This step uses no tool: write the result in your report.'}`;
  }
  const tool = deps.registry.get(input.stepTool);
  const outcome = await run.callTool(
    {
      callKey: input.key,
      tool: tool.name,
      args: call.arguments,
      provenance: input.tracker.current(),
      // What the plan promised to create, when it was planned from the user's words alone.
      plannedFiles: run.state.provenance.source === 'user' ? input.plannedFiles : [],
      actor: 'agent:employee',
      summary: `${input.stepTitle}: ${summarise(tool, call.arguments)}`,
    },
    'background',
  );
  switch (outcome.status) {
    case 'succeeded': {
      const parsed = tool.parameters.safeParse(outcome.call.args);
      const origin = resultOriginOf(tool, parsed.success ? parsed.data : outcome.call.args, outcome.result.output);
      if (origin) input.tracker.taint(origin);
      // Passages found in the user's documents are numbered for citation, kept with the task.
      const cited = tool.name === KNOWLEDGE_SEARCH_TOOL ? citeFoundPassages(run.state, outcome.result.output) : null;
      if (cited !== null) {
        run.saveState();
        return cited;
      }
      const output = JSON.stringify(outcome.result.output);
      return wrapUntrusted(`${outcome.result.summary}\n${excerpt(output ?? 'null', 4000)}`, { kind: 'tool', detail: origin ?? `${tool.name} result` });
    }
    case 'invalid':
      return `Error: ${outcome.error.userMessage} Fix the arguments and call the tool again.`;
    case 'rejected':
      throw new StepFailedError(input.stepTitle, outcome.error.userMessage, 'rejected', outcome.error);
    case 'failed':
      throw new StepFailedError(input.stepTitle, outcome.error.userMessage, 'failed', outcome.error);
    case 'interrupted':
      throw new TaskInterruptedError(tool.name);
  }
}

/** Calls of the last assistant turn that have no tool result yet (after a restart, or mid-way). */
function unansweredCalls(transcript: ChatMessage[]): { call: ToolCall; index: number; turnAt: number }[] {
  let at = transcript.length - 1;
  while (at >= 0 && transcript[at]!.role === 'tool') at -= 1;
  const turn = transcript[at];
  if (!turn || turn.role !== 'assistant' || !turn.toolCalls?.length) return [];
  const answered = new Set(transcript.slice(at + 1).flatMap((m) => (m.role === 'tool' ? [m.toolCallId] : [])));
  return turn.toolCalls.map((call, index) => ({ call, index, turnAt: at })).filter(({ call }) => !answered.has(call.id));
}

function callsOf(deps: Needs, taskId: string, prefix: string): StepCallSummary[] {
  return deps.calls
    .forTask(taskId)
    .filter((c) => c.callKey.startsWith(prefix) && c.status === 'succeeded' && c.result)
    .map((c) => ({ tool: c.tool, status: 'succeeded' as const, summary: c.result!.summary, artifacts: c.result!.artifacts }));
}

/** Tool results are matched to calls by id, so ids must be present and unique within a turn. */
function uniqueIds(calls: ToolCall[], turnAt: number): ToolCall[] {
  const seen = new Set<string>();
  return calls.map((call, i) => {
    const id = call.id && !seen.has(call.id) ? call.id : `t${turnAt}c${i}`;
    seen.add(id);
    return { ...call, id };
  });
}
