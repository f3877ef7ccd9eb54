/**
 * Runs one scheduled request the way the user would: as a message in the schedule's own
 * conversation, answered by the agent with the usual tools, approvals, budgets and audit.
 *
 * Approvals during a run: a tool the user pre-approved for this schedule (never a financial one —
 * checked when the schedule is saved and again here) is approved by code on the user's standing
 * word, recorded as "schedule:<id>"; anything else sends a native notification and the run waits
 * for the user's answer, like any approval (it expires after the approval timeout).
 */
import { TERMINAL_TASK_STATUSES, type StewardEvent } from '../../../src-preload/contract.js';
import type { Schedule } from '../../../src-preload/schemas/schedules.js';
import type { AgentControl } from '../agent/agent-control.js';
import type { Core } from '../core-types.js';
import type { RunHandle, ScheduleExecutor } from './scheduler.js';
import type { ScheduleRepo } from './schedule-repo.js';

const TERMINAL = new Set<string>(TERMINAL_TASK_STATUSES);
const RESULT_CHARS = 500;

export class ChatScheduleExecutor implements ScheduleExecutor {
  constructor(
    private readonly core: Core,
    private readonly repo: ScheduleRepo,
    /** The agent that answers the schedule's pre-approved tools on the user's standing word. */
    private readonly approvals: Pick<AgentControl, 'respondApproval'>,
  ) {}

  async execute(schedule: Schedule, run: RunHandle): Promise<{ ok: boolean; detail: string }> {
    const core = this.core;
    let conversationId = schedule.conversationId;
    if (!conversationId || !core.conversations.repo.exists(conversationId)) {
      conversationId = core.conversations.create(`Scheduled: ${schedule.title}`).id;
      this.repo.update(schedule.id, { conversationId });
    }
    const tasks = new Map<string, string>();
    let waitingFor = 0;
    let finishTasks: () => void = () => undefined;
    const tasksDone = new Promise<void>((resolve) => (finishTasks = resolve));
    const checkDone = () => {
      if ([...tasks.values()].every((status) => TERMINAL.has(status))) finishTasks();
    };

    const unsubscribe = core.events.subscribe((event: StewardEvent) => {
      if (event.type === 'approval.requested' && event.approval.conversationId === conversationId) {
        const approval = event.approval;
        if (approval.taskId) tasks.set(approval.taskId, tasks.get(approval.taskId) ?? 'waiting_approval');
        if (schedule.preApprovedTools.includes(approval.tool) && approval.risk !== 'financial') {
          void this.approvals
            .respondApproval({ id: approval.id, decision: 'approve' }, `schedule:${schedule.id}`)
            .catch(() => undefined);
          return;
        }
        waitingFor += 1;
        run.waiting(`Waiting for your approval: ${approval.summary}`);
        core.notifier.notify({ title: `“${schedule.title}” needs your approval`, body: `${approval.summary} — open Steward to approve or reject.`, level: 'warning' });
        core.events.emit({ type: 'notification', level: 'warning', title: `Scheduled task “${schedule.title}” needs your approval`, body: approval.summary });
      }
      if (event.type === 'task.updated' && event.task.conversationId === conversationId) {
        tasks.set(event.task.id, event.task.status);
        checkDone();
      }
    });
    try {
      const sent = core.conversations.send({ conversationId, text: schedule.request });
      const replies = (await sent.reply) ?? [];
      checkDone();
      if (tasks.size > 0) await tasksDone;
      const failed = [...tasks.entries()].filter(([, status]) => status !== 'succeeded');
      const lastReply = core.conversations.repo.messages(conversationId, { limit: 1 }).at(-1) ?? replies.at(-1);
      const text = (lastReply?.text ?? 'No reply.').slice(0, RESULT_CHARS);
      if (failed.length > 0) return { ok: false, detail: text };
      return { ok: true, detail: waitingFor > 0 ? `Approved and done: ${text}` : text };
    } finally {
      unsubscribe();
    }
  }
}
