/**
 * In the demo profile only. With a language model (or the tests' scripted one) the onboarding
 * sentence goes to the agent like any request: it recognises the workflow, the model reads the
 * sentence into its inputs, code checks them, asks for what is missing and starts the run on the
 * user's yes; the runs the agent starts from this chat are then followed here step by step. With
 * no model installed the sentence is read by fixed rules (onboarding-sentence.ts) instead, and the
 * reply says so. `/onboarding approve|reject` lets the owner decide a routed approval on the
 * approver's behalf (the run records both names). Everything else goes to the normal handler.
 */
import type { ConversationHandler, ReplyChannel, Turn } from '../agent/conversation-handler.js';
import type { Core } from '../core-types.js';
import { toStewardError } from '../errors.js';
import type { Workflows } from '../workflows/install-workflows.js';
import { DEMO_COMPANY } from './demo-company.js';
import { DEMO_PROFILE, readDemoLinks } from './demo-mode.js';
import { DEMO_APPROVE_COMMAND, DEMO_REJECT_COMMAND, DemoRunFollower } from './demo-run-follower.js';
import { readOnboardingSentence, type OnboardingInputs } from './onboarding-sentence.js';

const ONBOARDING_WORKFLOW = 'new-hire-onboarding';
const DEPARTMENT_LABELS: Record<string, string> = { hr: 'HR', finance: 'Finance', engineering: 'Engineering', operations: 'Operations' };

/** Wraps the conversation handler when this core runs the demo; elsewhere returns it unchanged. */
export function demoOnboardingHandler(core: Core, workflows: Workflows, inner: ConversationHandler, hasModel: () => boolean): ConversationHandler {
  if (core.config.profile !== DEMO_PROFILE || readDemoLinks() === null) return inner;
  const follower = new DemoRunFollower(core, workflows);
  follower.resume();
  return {
    describe: () => inner.describe(),
    async respond(turn: Turn, reply: ReplyChannel) {
      const text = turn.userMessage.text.trim();
      if (text.toLowerCase().startsWith('/onboarding')) return decide(core, workflows, follower, turn, reply);
      if (hasModel()) return respondWithAgent(workflows, follower, inner, turn, reply);
      const people = core.people;
      const reading = readOnboardingSentence(text, { today: core.clock.now(), people: people.list(), emailDomain: DEMO_COMPANY.domain });
      if (reading.kind === 'not-onboarding') return inner.respond(turn, reply);
      const how = 'No language model is installed, so I read this request by fixed rules';
      if (reading.kind === 'incomplete') {
        reply.say(`${how}, and could not start the onboarding: ${reading.problems.join('; ')}. Nothing was started.`);
        return;
      }
      const inputs = withDepartmentLabel(reading.inputs);
      try {
        const run = workflows.engine.start({ definition: workflows.catalog.get(ONBOARDING_WORKFLOW), inputs, startedBy: people.owner(), via: 'chat' });
        reply.say(
          `${how}: **New-hire onboarding** for ${inputs.firstName} ${inputs.lastName} — ${inputs.jobTitle}, starting ${inputs.startDate}, USD ${inputs.salary.toLocaleString('en-US')} a year, ` +
            `reporting to ${inputs.manager}${inputs.department ? ` (${inputs.department})` : ''}, email ${inputs.email}. I follow each step here.`,
        );
        follower.follow(run.id, turn.conversationId);
      } catch (err) {
        reply.say(`The onboarding could not start: ${toStewardError(err).userMessage}`, { role: 'system' });
      }
    },
  };
}

/**
 * The agent answers the turn; an onboarding run it started from this chat (the user's yes to the
 * inputs it read) is followed in this conversation from then on. Turns of one conversation run
 * one at a time, so a run that appeared during this turn and was started from the chat is its.
 */
async function respondWithAgent(workflows: Workflows, follower: DemoRunFollower, inner: ConversationHandler, turn: Turn, reply: ReplyChannel): Promise<void> {
  const before = new Set(workflows.engine.deps.repo.listRuns({ limit: 50 }).map((r) => r.id));
  try {
    await inner.respond(turn, reply);
  } finally {
    for (const run of workflows.engine.deps.repo.listRuns({ limit: 50 })) {
      if (!before.has(run.id) && run.workflowId === ONBOARDING_WORKFLOW && run.startedVia === 'chat') follower.follow(run.id, turn.conversationId);
    }
  }
}

function decide(core: Core, workflows: Workflows, follower: DemoRunFollower, turn: Turn, reply: ReplyChannel): void {
  const text = turn.userMessage.text.trim();
  const approve = text.toLowerCase().startsWith(DEMO_APPROVE_COMMAND);
  const reject = text.toLowerCase().startsWith(DEMO_REJECT_COMMAND);
  if (!approve && !reject) {
    reply.say(`Use \`${DEMO_APPROVE_COMMAND} [comment]\` or \`${DEMO_REJECT_COMMAND} <reason>\`.`, { role: 'system' });
    return;
  }
  const comment = text.slice((approve ? DEMO_APPROVE_COMMAND : DEMO_REJECT_COMMAND).length).trim() || null;
  if (reject && !comment) {
    reply.say(`Say why: \`${DEMO_REJECT_COMMAND} <reason>\`. Nothing was changed.`, { role: 'system' });
    return;
  }
  const owner = core.people.owner();
  const pending = workflows.engine.inbox(owner).filter((r) => r.kind === 'approval' && follower.runsOf(turn.conversationId).includes(r.runId));
  const request = pending[0];
  if (!request) {
    reply.say('No onboarding approval is waiting in this conversation. Nothing was changed.', { role: 'system' });
    return;
  }
  try {
    workflows.engine.respond({ requestId: request.id, person: owner, decision: approve ? 'approve' : 'reject', comment });
  } catch (err) {
    reply.say(toStewardError(err).userMessage, { role: 'system' });
  }
  // What was decided, by whom and for whom, is reported by the follower from the run's own record.
}

function withDepartmentLabel(inputs: OnboardingInputs): OnboardingInputs & { department?: string } {
  return inputs.department ? { ...inputs, department: DEPARTMENT_LABELS[inputs.department] ?? inputs.department } : inputs;
}
