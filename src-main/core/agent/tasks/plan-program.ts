import { StewardError } from '../../errors.js';
import { mergeProvenance, originsOf, provenanceOf } from '../../tools/provenance.js';
import { artifactLines } from './artifact-lines.js';
import { describePrediction, predictCost } from '../../payments/cost-prediction.js';
import { TransactionLedger } from '../../payments/transaction-ledger.js';
import type { AgentNeeds } from '../agent-deps.js';
import { performStep, type EarlierStep } from '../roles/employee.js';
import { renderPlan, writePlan } from '../roles/manager.js';
import { deterministicChecks, reviewStep, type Review } from '../roles/supervisor.js';
import { memoryContextFor } from '../memory-context.js';
import { excerpt } from '../prompt/token-estimate.js';
import { linkCitations, listedCitations, withCitations } from '../../knowledge/citations.js';
import type { StepRecord } from './agent-task-store.js';
import { estimateRemainingSeconds } from './eta.js';
import { StepFailedError } from './task-errors.js';
import type { TaskEnd } from './task-end.js';
import type { TaskRun } from './task-run.js';
import type { Plan, StepState } from './task-state.js';

type Needs = AgentNeeds<'broker' | 'calls' | 'clock' | 'db' | 'events' | 'log' | 'memory' | 'model' | 'notifier' | 'provenance' | 'registry' | 'secrets' | 'settings' | 'tasks'>;

/** Questions the Manager may ask before it must plan with what it has. */
export const MAX_PLANNING_QUESTIONS = 3;

/**
 * A complex task: the Manager plans (the plan is posted before any work starts), then each step
 * is done by the Employee and reviewed by the Supervisor — deterministic checks first, then the
 * model's verdict; "revise" goes back to the Employee up to settings.agent.maxIterations times.
 */
export async function runPlan(deps: Needs, run: TaskRun): Promise<TaskEnd> {
  if (run.state.phase === 'planning') await planPhase(deps, run);
  return executePhase(deps, run);
}

async function planPhase(deps: Needs, run: TaskRun): Promise<void> {
  const st = run.state;
  run.status('manager', 'Planning…');
  // A plan for someone other than the owner reads company memory only (as their chat turn did).
  const recalled = await memoryContextFor(deps.memory, st.request, Math.floor((await deps.model.info()).contextSize * 0.15), deps.log, { companyOnly: st.personId !== null });
  const memory = recalled.text;
  if (recalled.origins.length > 0) {
    // What memory read in untrusted text taints the whole task, as if that text were in the request's context.
    st.provenance = mergeProvenance(st.provenance, provenanceOf(recalled.origins));
    run.saveState();
  }
  if (recalled.passages && recalled.citations?.length) {
    // Kept with the task so every step (and a resumed one) works from the same numbered passages.
    st.knowledge = { passages: recalled.passages, citations: [...recalled.citations] };
    run.saveState();
  }
  const slot = {
    get pending() {
      return st.pending;
    },
    save: (pending: typeof st.pending) => {
      st.pending = pending;
      run.saveState();
    },
  };
  let plan: Plan | null = null;
  while (!plan) {
    if (st.pending) {
      const question = deps.broker.find(st.pending.clarificationId)?.question ?? '';
      const answer = await run.askUser('manager', question, st.pending.key, slot);
      st.qa.push({ question, answer });
      run.saveState();
      continue;
    }
    const answer = await writePlan(deps, { request: st.request, context: st.context, qa: st.qa, memory, taskId: run.taskId, conversationId: run.conversationId, signal: run.signal });
    if (answer.kind === 'plan') {
      plan = answer.plan;
      break;
    }
    if (st.qa.length >= MAX_PLANNING_QUESTIONS) {
      throw new StewardError('invalid_input', 'I still need more details to plan this. Please restate the request with everything you know about it.');
    }
    const reply = await run.askUser('manager', answer.question, `plan.q${st.qa.length}`, slot);
    st.qa.push({ question: answer.question, answer: reply });
    run.saveState();
  }

  await requireConfiguredTools(deps, plan);
  st.plan = plan;
  st.phase = 'executing';
  deps.events.deferWhile(() =>
    deps.db.transaction(() => {
      deps.tasks.insertSteps(run.taskId, plan.steps);
      run.setStatus('queued', { title: plan.title, step: 0, totalSteps: plan.steps.length });
    }),
  );
  const stream = run.channel.stream({ agent: 'manager' });
  for (const line of renderPlan(plan)) stream.push(`${line}\n`);
  // Cost prediction from the tools' history and past payments, before any work starts.
  const predicted = describePrediction(predictCost(plan.steps, { db: deps.db.raw, ledger: new TransactionLedger(deps.db.raw, deps.clock), find: (name) => deps.registry.find(name) }));
  if (predicted) stream.push(`${predicted}\n`);
  stream.complete();
  run.detach('background');
}

/** A plan that needs a tool which is not set up fails before any work, with the fix for each. */
async function requireConfiguredTools(deps: Needs, plan: Plan): Promise<void> {
  const problems: string[] = [];
  for (const name of new Set(plan.steps.flatMap((s) => (s.tool ? [s.tool] : [])))) {
    const tool = deps.registry.find(name);
    if (!tool) {
      problems.push(`${name} is not installed`);
      continue;
    }
    const configured = await deps.registry.configured(tool, { secrets: deps.secrets, settings: deps.settings.get() });
    if (!configured.ok) problems.push(`${name}: ${configured.reason}`);
  }
  if (problems.length > 0) throw new StewardError('invalid_input', `The plan “${plan.title}” needs tools that are not ready, so nothing was done — ${problems.join('; ')}`);
}

async function executePhase(deps: Needs, run: TaskRun): Promise<TaskEnd> {
  const plan = run.state.plan;
  if (!plan) throw new StewardError('internal', 'The task has no plan to carry out. Start it again.');
  const steps = deps.tasks.steps(run.taskId);
  for (const step of steps) {
    if (step.status === 'succeeded') continue;
    await run.ensureSlot('background');
    run.setStatus('running', { step: step.idx + 1, totalSteps: steps.length });
    const fresh = deps.tasks.steps(run.taskId);
    deps.tasks.progress({
      taskId: run.taskId,
      step: step.idx + 1,
      total: steps.length,
      label: step.title,
      etaSeconds: estimateRemainingSeconds(fresh.map((s) => ({ estimateSeconds: s.estimateSeconds, durationSeconds: s.durationSeconds, done: s.status === 'succeeded' }))),
    });
    run.status('employee', `Step ${step.idx + 1}/${steps.length}: ${step.title}`);
    deps.tasks.updateStep(run.taskId, step.idx, { status: 'running', started: true });
    const started = performance.now();
    await runStep(deps, run, plan, step, fresh);
    const seconds = (step.durationSeconds ?? 0) + (performance.now() - started) / 1000;
    deps.tasks.updateStep(run.taskId, step.idx, { status: 'succeeded', durationSeconds: seconds, finished: true });
  }
  return finishPlan(deps, run, plan);
}

async function runStep(deps: Needs, run: TaskRun, plan: Plan, step: StepRecord, all: StepRecord[]): Promise<void> {
  const planStep = plan.steps[step.idx]!;
  const maxIterations = deps.settings.get().agent.maxIterations;
  const st: StepState = step.state;
  const save = (patch: { iteration?: number } = {}) => deps.tasks.updateStep(run.taskId, step.idx, { state: st, ...patch });
  const slot = {
    get pending() {
      return st.pending;
    },
    save: (pending: typeof st.pending) => {
      st.pending = pending;
      save();
    },
  };
  const earlier: EarlierStep[] = all.filter((s) => s.idx < step.idx && s.state.output).map((s) => ({ title: s.title, output: s.state.output!, taint: s.state.taint }));
  let iteration = step.iteration;
  for (;;) {
    if (iteration > 0 && st.announcedIteration < iteration) {
      const notice = `Iteration ${iteration + 1}/${maxIterations}: refining based on feedback`;
      run.status('employee', notice);
      run.channel.say(notice, { agent: 'employee' });
      st.announcedIteration = iteration;
      save();
    }
    const work = await performStep(deps, run, { plan, step: { ...step, state: st }, iteration, earlier });
    const problems = deterministicChecks(planStep, work, run.workspaceDir);
    let review: Review;
    if (problems.length > 0) {
      review = { verdict: 'revise', reasons: problems, feedback: problems.join(' '), question: null };
    } else {
      run.status('supervisor', `Reviewing step ${step.idx + 1}/${plan.steps.length}: ${step.title}`);
      review = await reviewStep(deps, { request: run.state.request, step: planStep, index: step.idx, total: plan.steps.length, work, taskId: run.taskId, conversationId: run.conversationId, signal: run.signal });
    }
    if (review.question?.trim()) {
      const question = review.question.trim();
      const answer = await run.askUser('supervisor', question, `s${step.idx}.i${iteration}.review`, slot);
      st.qa.push({ question, answer });
      review = { ...review, verdict: review.verdict === 'fail' ? 'fail' : 'revise', feedback: `${review.feedback ?? ''} The user answered “${question}”: ${answer}`.trim() };
    }
    st.reviews.push({ iteration, verdict: review.verdict, reasons: review.reasons, deterministic: problems.length > 0 });
    st.output = work.output;
    if (review.verdict === 'pass') {
      save();
      // A citation in the report opens its passage (the Sources line comes with the finished result).
      const report = linkCitations(`Step ${step.idx + 1}/${plan.steps.length} done — ${step.title}: ${excerpt(work.output ?? '', 300)}`, run.state.knowledge?.citations ?? []);
      const message = run.channel.say(report, { agent: 'employee' });
      // The report carries the origins its step read (none: it is the task's own work).
      deps.provenance.markOrigins(message.id, st.taint);
      return;
    }
    const reasons = review.reasons.length ? review.reasons.join('; ') : 'no reason given';
    if (review.verdict === 'fail') {
      save();
      throw new StepFailedError(step.title, `the Supervisor judged it cannot be done (${reasons})`, 'review');
    }
    iteration += 1;
    if (iteration >= maxIterations) {
      save();
      throw new StepFailedError(step.title, `still not right after ${maxIterations} iteration${maxIterations === 1 ? '' : 's'} (${reasons})`, 'review');
    }
    run.channel.say(`Step ${step.idx + 1} needs another pass: ${reasons}`, { agent: 'supervisor' });
    st.feedback.push(review.feedback?.trim() || reasons);
    st.transcript = [];
    st.taint = [];
    st.pending = null;
    save({ iteration });
  }
}

function finishPlan(deps: Needs, run: TaskRun, plan: Plan): TaskEnd {
  const steps = deps.tasks.steps(run.taskId);
  const artifacts = deps.calls
    .forTask(run.taskId)
    .filter((c) => c.status === 'succeeded')
    .flatMap((c) => c.result?.artifacts ?? []);
  const files = artifactLines(artifacts, run.workspaceDir);
  // Blank lines end the list before what follows, so the Markdown keeps them apart.
  const lines = [
    `Finished: ${plan.title}`,
    ...steps.map((s) => `✓ ${s.idx + 1}. ${s.title}${s.state.output ? ` — ${firstLine(s.state.output)}` : ''}`),
    ...(files.length ? ['', 'Files:', ...files] : []),
    '',
    `Workspace: ${run.workspaceDir}`,
  ];
  // Knowledge passages the work drew on: linked and listed under Sources exactly as a chat reply's are.
  const citations = run.state.knowledge?.citations ?? [];
  const text = lines.join('\n');
  run.state.sources = citations.length > 0 ? listedCitations(text, citations) : [];
  run.saveState();
  const message = run.channel.say(withCitations(text, citations), { agent: 'manager' });
  deps.provenance.markOrigins(message.id, [...originsOf(run.state.provenance), ...steps.flatMap((s) => s.state.taint)]);
  const summary = `${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'} done${files.length ? `, ${files.length} file${files.length === 1 ? '' : 's'}` : ''}.`;
  if (deps.settings.get().notifications.enabled) {
    deps.notifier.notify({ title: `Done: ${plan.title}`, body: summary, level: 'success' });
  }
  return { status: 'succeeded', summary };
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
