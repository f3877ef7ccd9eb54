import type { Message, Task } from '../../../src-preload/contract.js';
import type { ApprovalRecord, Clarification, PermissionModeValue, ToolInfo } from '../../../src-preload/schemas/agent.js';
import { NotFoundError, toStewardError } from '../errors.js';
import { toPublic, type RespondResult } from '../tools/approval-gate.js';
import { ORIGIN_SEPARATOR, PASTED_ORIGIN, ProvenanceSchema, splitOrigins, type Provenance } from '../tools/provenance.js';
import { summarise } from '../tools/tool-runner.js';
import { toolTitle } from '../tools/tool-title.js';
import { approvalDecider, REMOVED_DECIDER, seesApproval } from '../people/approval-access.js';
import { chatMemoryCommandAccess, removedProfileAccess } from '../people/memory-access.js';
import { PERSON_WORKFLOW_NOTE } from '../people/chat-person.js';
import type { AgentControl } from './agent-control.js';
import type { AgentDeps } from './agent-deps.js';
import { toPublicClarification, type StoredClarification } from './clarification-broker.js';
import type { ConversationHandler, ReplyChannel, Turn } from './conversation-handler.js';
import { replyConversation } from './handlers/conversation-reply.js';
import { replyQuestion } from './handlers/question-reply.js';
import { ACTION_CONFIDENCE_THRESHOLD, parseIntent, toolCatalogue, type Intent } from './intent.js';
import { intentSystemPrompt } from './prompt/system-prompts.js';
import { runMemoryCommand } from './memory-commands.js';
import { recordingReply } from './recording-reply.js';
import { describeModelFailure } from './model-failure.js';
import { estimateTokens } from './prompt/token-estimate.js';
import { runSlashCommand } from './slash-commands.js';
import type { TaskJobs, WatchedTask } from './tasks/task-jobs.js';
import { contextText, prepareTurn, recentTurns, type TurnContext } from './turn-context.js';
import { splitPasted } from './pasted-content.js';
import { attachmentOrigin, attachmentsOf, withAttachments } from './attachments/message-attachments.js';
import { toChatImage } from './attachments/image-attachment.js';
import { SkillToolLimitSchema, type SkillToolLimit } from '../skills/skill-tool-limit.js';
import { ScheduleProposalSchema } from '../../../src-preload/schemas/schedules.js';
import { saveConfirmedSchedule, scheduleFromSentence } from '../schedules/schedule-from-chat.js';
import { PendingWorkflowStartSchema } from '../workflows/workflow-from-chat.js';

const TITLE_CHARS = 80;
/** Answers that confirm a proposed action. */
const YES = /^\s*(y|yes|yeah|yep|sure|ok|okay|go ahead|do it|please do)\b/i;

/** How an answer given through the API (clarifications.answer) reaches the turn of the message it posts. */
interface RoutedAnswer {
  clarification: StoredClarification;
}

/**
 * Steward's conversational agent. Each user message is, in order: an answer routed from the API,
 * a slash command, the answer to the one open question in this conversation, an exact memory
 * command — all handled by code — or else classified by the model (intent with a JSON schema) and
 * handed to the matching handler: simple action, complex task, question, clarification or chat.
 */
export class StewardAgent implements ConversationHandler, AgentControl {
  private readonly routed = new Map<string, RoutedAnswer>();
  private closed = false;

  constructor(
    readonly deps: AgentDeps,
    readonly jobs: TaskJobs,
    private readonly onClose: () => void,
  ) {}

  describe() {
    const tools = this.deps.registry.list().length;
    return { configured: true, description: `Steward agent on ${this.deps.model.provider.id} with ${tools} tool${tools === 1 ? '' : 's'}.` };
  }

  async respond(turn: Turn, reply: ReplyChannel): Promise<void> {
    const text = turn.userMessage.text;
    if (!text.trim()) {
      reply.say('Your message was empty — type what you need and send it again.', { role: 'system' });
      return;
    }
    const routed = this.routed.get(turn.userMessage.id);
    if (routed) {
      this.routed.delete(turn.userMessage.id);
      // Already applied when the API call came in; only an intent question still needs its request re-run.
      if (!routed.clarification.taskId) await this.continueIntentQuestion(routed.clarification, text, turn, reply);
      return;
    }

    const slash = await runSlashCommand(this, this.deps, { text, conversationId: turn.conversationId, personId: turn.personId ?? null });
    if (slash?.kind === 'reply') {
      reply.say(slash.text, { role: 'system' });
      return;
    }
    if (slash?.kind === 'answer') {
      const clarification = this.deps.broker.find(slash.clarificationId);
      if (!clarification || clarification.conversationId !== turn.conversationId) {
        reply.say(`There is no open question “${slash.clarificationId}” in this conversation.`, { role: 'system' });
        return;
      }
      await this.applyAnswer(clarification, slash.text, turn, reply);
      return;
    }
    if (slash?.kind === 'request') {
      // A skill or an MCP server's prompt: its text is the request, as if the user had typed it (a skill's task keeps to its tools).
      await this.handleRequest(slash.text, turn, reply, [], slash.skill ?? null);
      return;
    }

    // "/remember …" is a command even while a question is open; plain text then answers the question.
    if (/^\s*\/(remember|forget)\b/i.test(text) && (await this.memoryCommand(text, turn, reply))) return;
    const pending = this.deps.broker.pendingFor(turn.conversationId);
    if (pending.length === 1) {
      await this.applyAnswer(pending[0]!, text, turn, reply);
      return;
    }

    if (await this.memoryCommand(text, turn, reply)) return;
    if (pending.length > 1) {
      reply.status('manager', `${pending.length} questions are waiting for your answer; answer them on their cards or with /answer <id> <text>.`);
    }
    const pasted = splitPasted(text);
    // "every Monday at 9 send the report": read by code, shown back in words, saved only on the user's yes (never from pasted text).
    if (!pasted && this.proposeSchedule(text, turn, reply)) return;
    // "onboard Dana Lee as …": a workflow recognised by its trigger words, its inputs read back for a yes.
    // Not from someone else's chat: a run started there would act as the owner (they use the Workflows screen).
    if (!pasted && !turn.personId && (await this.proposeWorkflow(text, turn, reply))) return;
    // Files attached to the message: their text goes to the model wrapped, each named as its origin.
    const attached = attachmentsOf(this.deps.db.raw, turn.userMessage.id);
    const messageOrigins = [...(pasted ? [PASTED_ORIGIN] : []), ...attached.map((f) => attachmentOrigin(f.name))];
    // Recorded on the message itself, so later turns see it as pasted (or attached) too, and wrap it again.
    this.deps.provenance.markOrigins(turn.userMessage.id, messageOrigins);
    const recorded = recordingReply(reply);
    // Attached images go as pictures with this turn's calls, to a model that reads them (the router refuses any other).
    const hideImages = this.deps.model.showImages(turn.conversationId, attached.flatMap((f) => (f.image ? [toChatImage(f.name, f.image)] : [])));
    let origins: string[];
    try {
      origins = await this.handleRequest(withAttachments(pasted?.promptText ?? text, attached), turn, recorded.channel, messageOrigins);
    } finally {
      hideImages();
    }
    // A reply written while untrusted text was in context may repeat it: it carries those origins
    // into later turns, or "yes, do it" would launder what an email asked for into the user's words.
    this.markReplies(recorded.messages(), origins);
    this.learn(turn, text, recorded.messages(), { pasted: pasted !== null, origins });
  }

  /** Exact memory commands go straight to memory; "clear my data" asks for a yes first. */
  private async memoryCommand(text: string, turn: Turn, reply: ReplyChannel, confirmed = false): Promise<boolean> {
    // Someone other than the owner: what their role lets them do with memory is decided by code first.
    const person = turn.personId ? (this.deps.people.get(turn.personId) ?? null) : null;
    // A profile whose row is gone counts as nobody's (fails closed), not as the owner.
    const allowed = turn.personId && !person ? removedProfileAccess(text) : chatMemoryCommandAccess(text, person);
    if (allowed.kind === 'not_a_command') return false;
    if (allowed.kind === 'refused') {
      reply.say(allowed.message, { role: 'system' });
      return true;
    }
    let result;
    try {
      // A director's remember/forget reaches company facts only: the owner's personal facts stay the owner's.
      const companyOnly = Boolean(turn.personId) && person?.role !== 'owner';
      result = await runMemoryCommand(this.deps.memory, text, { conversationId: turn.conversationId, messageId: turn.userMessage.id, confirmed, companyOnly });
    } catch (err) {
      reply.say(`Memory couldn’t do that: ${toStewardError(err).userMessage}`, { role: 'system' });
      return true;
    }
    if (!result) return false;
    reply.say(result.reply);
    if (result.needsConfirmation) {
      this.deps.broker.ask({ conversationId: turn.conversationId, taskId: null, role: 'manager', question: result.reply, context: { memoryCommand: text } });
    }
    return true;
  }

  /** A plain sentence asking for a schedule: the proposal in words, and a question whose yes saves it. */
  private proposeSchedule(text: string, turn: Turn, reply: ReplyChannel): boolean {
    const found = scheduleFromSentence(this.deps.extensions.schedules, text);
    if (!found) return false;
    reply.say(found.text, { agent: 'manager' });
    if (found.kind === 'proposal') this.deps.broker.ask({ conversationId: turn.conversationId, taskId: null, role: 'manager', question: found.text, context: { scheduleProposal: found.proposal } });
    return true;
  }

  /** A sentence that starts a workflow: its inputs asked for or shown back; it starts on the user's yes. */
  private async proposeWorkflow(text: string, turn: Turn, reply: ReplyChannel): Promise<boolean> {
    const found = await this.deps.workflows.fromSentence(text, turn.signal);
    if (!found) return false;
    reply.say(found.text, { agent: 'manager' });
    if (found.kind !== 'refused') this.deps.broker.ask({ conversationId: turn.conversationId, taskId: null, role: 'manager', question: found.text, context: { workflowStart: found.pending, workflowStep: found.kind } });
    return true;
  }

  private markReplies(replies: Message[], origins: readonly string[]): void {
    if (origins.length === 0 || replies.length === 0) return;
    const marked = this.deps.provenance.untrustedAmong(replies.map((m) => m.id));
    for (const message of replies) {
      this.deps.provenance.markOrigins(message.id, [...splitOrigins(marked.get(message.id) ?? ''), ...origins]);
    }
  }

  /**
   * Lets memory learn from a finished exchange, in the background (it never rejects, and is never
   * awaited). Taint follows the data into memory: pasted text is learned as pasted, and a reply
   * written while untrusted text was in context (or that reports a tool's result) carries those
   * origins, so what memory takes from it waits for the user's confirmation.
   */
  private learn(turn: Turn, text: string, replies: Message[], taint: { pasted: boolean; origins: readonly string[] }): void {
    const learn = this.deps.memory?.learnFromTurn;
    // Memory's "you" is the owner: another person's chat would teach it facts about the wrong person
    // (and change company facts without the role to). A director keeps facts with "remember that …".
    if (!learn || replies.length === 0 || turn.personId) return;
    const last = replies.at(-1)!;
    const replyOrigins = [...taint.origins, ...[...this.deps.provenance.untrustedAmong(replies.map((m) => m.id)).values()].flatMap(splitOrigins)];
    const assistantOrigin = replyOrigins.length > 0 ? [...new Set(replyOrigins)].join(ORIGIN_SEPARATOR) : null;
    void learn
      .call(this.deps.memory, {
        conversationId: turn.conversationId,
        user: { messageId: turn.userMessage.id, text, origin: taint.pasted ? PASTED_ORIGIN : null },
        assistant: { messageId: last.id, text: replies.map((m) => m.text).join('\n'), origin: assistantOrigin },
        // A conversation kept on this computer (or on one cloud provider) stays there when memory learns from it.
        model: this.deps.model.conversationModel(turn.conversationId),
      })
      .catch(() => undefined);
  }

  /** Handles one request; returns the untrusted origins that were in its context (for learning). */
  private async handleRequest(text: string, turn: Turn, reply: ReplyChannel, messageOrigins: readonly string[] = [], skill: SkillToolLimit | null = null): Promise<string[]> {
    const tools = this.deps.registry.list();
    const systemTokens = estimateTokens(intentSystemPrompt(toolCatalogue(tools)));
    let prepared;
    try {
      prepared = await prepareTurn(this.deps, { conversationId: turn.conversationId, messageId: turn.userMessage.id, text, systemTokens, signal: turn.signal, messageOrigins, companyMemoryOnly: Boolean(turn.personId) });
    } catch (err) {
      // No model yet, or it failed to load: the provider's message says how to fix it.
      if (!turn.signal.aborted) reply.say(describeModelFailure(err, 'answer that'), { role: 'system' });
      return [...messageOrigins];
    }
    if (!prepared.ok) {
      reply.say(prepared.message, { role: 'system' });
      return [...messageOrigins];
    }
    const context = prepared.context;
    await this.dispatch(text, turn, reply, context, skill);
    return context.origins;
  }

  private async dispatch(text: string, turn: Turn, reply: ReplyChannel, context: TurnContext, skill: SkillToolLimit | null = null): Promise<void> {
    // The model sees every tool even for a skill: a tool outside the skill is refused by the task with a message naming the skill, not hidden.
    const tools = this.deps.registry.list();
    let intent: Intent;
    try {
      intent = await parseIntent(this.deps.model, { tools, history: recentTurns(context.history), text, signal: turn.signal, scope: { taskId: null, conversationId: turn.conversationId } });
    } catch (err) {
      if (turn.signal.aborted) return;
      reply.say(describeModelFailure(err, 'work out what you need'), { role: 'system' });
      return;
    }
    const common = { text, context, reply, signal: turn.signal, conversationId: turn.conversationId };

    switch (intent.intent) {
      case 'simple_action': {
        const tool = intent.tool ? this.deps.registry.find(intent.tool) : null;
        if (!tool) {
          await replyConversation(this.deps, common);
          return;
        }
        const params = intent.parameters ?? {};
        if (intent.confidence < ACTION_CONFIDENCE_THRESHOLD) {
          this.askIntentQuestion(turn, reply, text, `Just to check — do you want me to run ${summarise(tool, params)}? Say yes, or tell me what you meant.`, { tool: tool.name, params, provenance: context.provenance, skill });
          return;
        }
        await this.startAction(turn, reply, text, tool.name, params, context.provenance, skill);
        return;
      }
      case 'complex_task': {
        const watched = this.jobs.startPlan({ conversationId: turn.conversationId, request: text, context: contextText(context.history), provenance: context.provenance, title: titleOf(text), skill, personId: turn.personId ?? null }, reply);
        await watchUntilDetached(watched, turn.signal);
        return;
      }
      case 'question':
        await replyQuestion(this.deps, common);
        return;
      case 'clarification':
        this.askIntentQuestion(turn, reply, text, intent.question?.trim() || 'Could you tell me a bit more about what you need?');
        return;
      case 'conversation':
        await replyConversation(this.deps, common);
        return;
    }
  }

  private async startAction(turn: Turn, reply: ReplyChannel, request: string, toolName: string, params: Record<string, unknown>, provenance: Provenance, skill: SkillToolLimit | null = null): Promise<void> {
    const tool = this.deps.registry.get(toolName);
    const title = titleOf(tool.parameters.safeParse(params).success ? summarise(tool, params) : `${tool.name}: ${request}`);
    // The task keeps who asked: a person's role is checked on each of its tool calls, and audit rows name them.
    const watched = this.jobs.startAction({ conversationId: turn.conversationId, request, provenance, tool: tool.name, params, title, skill, personId: turn.personId ?? null }, reply);
    await watchUntilDetached(watched, turn.signal);
  }

  /** A question about the request itself (no task yet): the answer re-runs the request with it, or confirms the proposed action. */
  private askIntentQuestion(turn: Turn, reply: ReplyChannel, request: string, question: string, proposal?: { tool: string; params: Record<string, unknown>; provenance: Provenance; skill: SkillToolLimit | null }): void {
    reply.say(question, { agent: 'manager' });
    this.deps.broker.ask({ conversationId: turn.conversationId, taskId: null, role: 'manager', question, context: { request, ...(proposal && { proposal }) } });
  }

  private async continueIntentQuestion(clarification: StoredClarification, answer: string, turn: Turn, reply: ReplyChannel): Promise<void> {
    if (typeof clarification.context.memoryCommand === 'string') {
      if (YES.test(answer)) await this.memoryCommand(clarification.context.memoryCommand, turn, reply, true);
      else reply.say('OK — nothing was changed.', { role: 'system' });
      return;
    }
    if (clarification.context.workflowStart !== undefined) {
      if (turn.personId) return void reply.say(PERSON_WORKFLOW_NOTE, { role: 'system' });
      const pending = PendingWorkflowStartSchema.safeParse(clarification.context.workflowStart);
      if (!pending.success) return void reply.say('That workflow could not be read back, so nothing was started. Ask for it again.', { role: 'system' });
      if (clarification.context.workflowStep === 'confirm') {
        reply.say(YES.test(answer) ? this.deps.workflows.startConfirmed(pending.data) : 'OK — the workflow was not started.', { agent: 'manager' });
        return;
      }
      const next = await this.deps.workflows.continueInputs(pending.data, answer, turn.signal);
      reply.say(next.text, { agent: 'manager' });
      if (next.kind !== 'refused') this.deps.broker.ask({ conversationId: turn.conversationId, taskId: null, role: 'manager', question: next.text, context: { workflowStart: next.pending, workflowStep: next.kind } });
      return;
    }
    if (clarification.context.scheduleProposal !== undefined) {
      const schedule = ScheduleProposalSchema.safeParse(clarification.context.scheduleProposal);
      if (!YES.test(answer) || !schedule.success) {
        reply.say(schedule.success ? 'OK — the schedule was not saved.' : 'That schedule could not be read back, so nothing was saved. Ask for it again.', { role: 'system' });
        return;
      }
      try {
        reply.say(saveConfirmedSchedule(this.deps.extensions.schedules, schedule.data), { agent: 'manager' });
      } catch (err) {
        reply.say(`The schedule was not saved: ${toStewardError(err).userMessage}`, { role: 'system' });
      }
      return;
    }
    const proposal = clarification.context.proposal as { tool?: unknown; params?: unknown; provenance?: unknown; skill?: unknown } | undefined;
    const request = typeof clarification.context.request === 'string' ? clarification.context.request : '';
    if (proposal && typeof proposal.tool === 'string' && this.deps.registry.has(proposal.tool) && YES.test(answer)) {
      // A "yes" confirms what was proposed, not where it came from: a proposal made while untrusted
      // text was in context keeps that provenance (and so still asks, naming the source).
      const params = proposal.params && typeof proposal.params === 'object' ? (proposal.params as Record<string, unknown>) : {};
      const provenance = ProvenanceSchema.safeParse(proposal.provenance);
      // The skill's limit travels with the proposal: confirming it does not lift the limit (unreadable → nothing runs).
      const skill = SkillToolLimitSchema.nullable().safeParse(proposal.skill ?? null);
      if (!skill.success) {
        reply.say('That proposal came from a skill whose tool limit could not be read back, so nothing was run. Run the skill again.', { role: 'system' });
        return;
      }
      await this.startAction(turn, reply, request, proposal.tool, params, provenance.success ? provenance.data : { source: 'untrusted', detail: 'Proposed earlier (its source could not be read back)' }, skill.data);
      return;
    }
    const combined = request ? `${request}\n(You asked: “${clarification.question}” — my answer: ${answer})` : answer;
    await this.handleRequest(combined, turn, reply);
  }

  private async applyAnswer(clarification: StoredClarification, text: string, turn: Turn, reply: ReplyChannel): Promise<void> {
    if (clarification.status !== 'pending') {
      reply.say(`That question was already ${clarification.status === 'answered' ? 'answered' : 'withdrawn'}; nothing changed.`, { role: 'system' });
      return;
    }
    if (!clarification.taskId) {
      if (!this.deps.broker.answer(clarification.id, text)) return;
      await this.continueIntentQuestion(clarification, text, turn, reply);
      return;
    }
    // Watch first, then answer: whatever the task says next goes into this turn's reply.
    const watched = this.jobs.watch(clarification.taskId, reply);
    if (!this.deps.broker.answer(clarification.id, text)) return;
    if (watched) await watchUntilDetached(watched, turn.signal);
    else reply.status(clarification.role, 'Thanks — continuing with the task.', clarification.taskId);
  }

  // ——— AgentControl: the contract methods ———

  listApprovals(filter: { status?: 'pending' | 'resolved' | 'all'; conversationId?: string; taskId?: string; limit?: number }, personId: string | null = null): ApprovalRecord[] {
    const viewer = personId ? this.deps.people.get(personId) : null;
    // A profile removed since it signed in sees nothing (never the owner's view).
    if (personId && !viewer) return [];
    const all = this.deps.gate.repo.list(filter);
    return all.filter((approval) => seesApproval(viewer, this.requesterIdOf(approval.taskId))).map(toPublic);
  }

  async respondApproval(input: { id: string; decision: 'approve' | 'reject' | 'modify'; args?: Record<string, unknown>; remember?: 'conversation' | 'always'; code?: string }, actor: string, personId: string | null = null): Promise<RespondResult> {
    const approval = this.deps.gate.repo.get(input.id);
    const requesterId = this.requesterIdOf(approval.taskId);
    const tool = this.deps.registry.find(approval.tool);
    // Refused before anything changes when the card is someone else's; recorded "on behalf of" when the owner decides another's.
    const decidedBy = approvalDecider({
      decider: personId ? (this.deps.people.get(personId) ?? REMOVED_DECIDER) : null,
      requester: requesterId === null ? null : (this.deps.people.get(requesterId) ?? 'removed'),
      actor,
      tool: tool ? { name: tool.name, title: toolTitle(tool), sideEffect: tool.sideEffect } : null,
    });
    return this.deps.gate.respond({ ...input, actor: decidedBy });
  }

  /** The person whose chat asked for a card (its task keeps them); null: the owner. A damaged task fails closed to a profile nobody holds. */
  private requesterIdOf(taskId: string | null): string | null {
    if (!taskId) return null;
    try {
      return this.deps.tasks.state(taskId).personId;
    } catch {
      return 'unknown';
    }
  }

  listClarifications(filter: { conversationId?: string; status?: 'pending' | 'all' }): Clarification[] {
    return this.deps.broker.list(filter).map(toPublicClarification);
  }

  /**
   * An answer from a question card. It is applied at once (the task resumes) and also posted as
   * the user's message, so the conversation shows what was answered; that message's turn knows
   * it was already handled.
   */
  async answerClarification(id: string, text: string, _actor: string, personId: string | null = null): Promise<{ applied: boolean; clarification: Clarification; notice: string | null }> {
    const clarification = this.deps.broker.get(id);
    if (clarification.status !== 'pending' || !this.deps.broker.answer(id, text)) {
      const after = this.deps.broker.get(id);
      return { applied: false, clarification: toPublicClarification(after), notice: `This question was already ${after.status === 'answered' ? 'answered' : 'withdrawn'}; your answer was ignored and nothing changed.` };
    }
    if (clarification.taskId && !this.jobs.isRunning(clarification.taskId)) this.jobs.resume(clarification.taskId);
    const sent = this.deps.conversations.send({ conversationId: clarification.conversationId, text, personId });
    this.routed.set(sent.message.id, { clarification });
    return { applied: true, clarification: toPublicClarification(this.deps.broker.get(id)), notice: null };
  }

  cancelTask(id: string): Promise<Task> {
    return this.jobs.cancel(id);
  }

  listTools(): Promise<ToolInfo[]> {
    return this.deps.registry.infos({ secrets: this.deps.secrets, settings: this.deps.settings.get() });
  }

  async setToolPermission(tool: string, mode: PermissionModeValue): Promise<ToolInfo> {
    if (!this.deps.registry.has(tool)) throw new NotFoundError('Tool', tool);
    this.deps.registry.setPermission(tool, mode);
    return this.deps.registry.info(tool, { secrets: this.deps.secrets, settings: this.deps.settings.get() });
  }

  /** Stops every task as a crash would (they resume on the next start) and releases timers. Call before core.close(). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.jobs.close();
    this.deps.gate.close();
    this.onClose();
  }
}


function titleOf(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line || 'Task';
}

/** Waits until the task lets the turn go (done, waiting for the user, or working in the background), or the turn is aborted. */
async function watchUntilDetached(watched: WatchedTask, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  await new Promise<void>((resolve) => {
    const onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    void watched.detached.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
