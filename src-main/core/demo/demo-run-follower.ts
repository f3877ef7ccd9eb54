/**
 * Tells the chat how a demo onboarding run is going: each step as it finishes (the offer letter
 * with a preview of its text), who the run is waiting for and how to approve, and a summary with
 * links at the end. It reads the run's committed state (the engine persists every step), so after
 * a crash it picks up where the conversation was: which messages it already wrote is kept in
 * demo-runs.json in the profile folder.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { z } from 'zod';
import type { Core } from '../core-types.js';
import type { RunView } from '../workflows/workflow-engine.js';
import type { Workflows } from '../workflows/install-workflows.js';
import { WorkflowNotFoundError } from '../workflows/workflow-errors.js';
import { readDemoLinks } from './demo-mode.js';

const POLL_MS = 400;
const FollowedSchema = z.record(z.string(), z.object({ conversationId: z.string(), posted: z.array(z.string()), done: z.boolean() }));
type Followed = z.infer<typeof FollowedSchema>;

export const DEMO_APPROVE_COMMAND = '/onboarding approve';
export const DEMO_REJECT_COMMAND = '/onboarding reject';

export class DemoRunFollower {
  private readonly file: string;
  private followed: Followed;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private failures = 0;

  constructor(
    private readonly core: Core,
    private readonly workflows: Workflows,
  ) {
    this.file = path.join(core.paths.profileDir, 'demo-runs.json');
    this.followed = readFollowed(this.file, (message) => core.log.warn(message));
  }

  /** Follows a new run in a conversation; and, at start, every run a crash left unfollowed. */
  follow(runId: string, conversationId: string): void {
    this.followed[runId] = { conversationId, posted: [], done: false };
    this.save();
    this.ensureTimer();
  }

  resume(): void {
    if (Object.values(this.followed).some((f) => !f.done)) this.ensureTimer();
  }

  /** The demo run of a conversation that is waiting for an approval, newest first. */
  runsOf(conversationId: string): string[] {
    return Object.entries(this.followed)
      .filter(([, f]) => f.conversationId === conversationId && !f.done)
      .map(([id]) => id)
      .reverse();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), POLL_MS);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const [runId, followed] of Object.entries(this.followed)) {
        if (followed.done) continue;
        if (!this.core.conversations.repo.exists(followed.conversationId)) {
          followed.done = true;
          continue;
        }
        let view: RunView;
        try {
          view = this.workflows.engine.view(runId);
        } catch (err) {
          // A run that no longer exists is done; anything else (shutting down) is tried again later.
          if (err instanceof WorkflowNotFoundError) followed.done = true;
          continue;
        }
        for (const [key, text] of await this.messagesFor(view)) {
          if (followed.posted.includes(key)) continue;
          this.post(followed.conversationId, text);
          followed.posted.push(key);
          this.save();
        }
        if (['succeeded', 'failed', 'cancelled'].includes(view.run.status)) followed.done = true;
      }
      this.save();
      if (Object.values(this.followed).every((f) => f.done)) this.close();
      this.failures = 0;
    } catch (err) {
      // The core is closing (or the database is unreadable): stop after a few tries; the next start resumes.
      if (++this.failures >= 5) this.close();
      try {
        this.core.log.warn('demo: could not report a workflow run in the chat', err);
      } catch {
        // the log is closed too
      }
    } finally {
      this.busy = false;
    }
  }

  /** Every message the run's state calls for so far, keyed so each is written once. */
  private async messagesFor(view: RunView): Promise<[string, string][]> {
    const out: [string, string][] = [];
    for (const step of view.steps) {
      if (step.status === 'waiting' && step.kind === 'approval') {
        const request = view.requests.find((r) => r.stepId === step.stepId && r.status === 'pending');
        out.push([
          `${step.stepId}:waiting`,
          `⏳ **${step.title}** — ${step.waitingFor ? `waiting for ${step.waitingFor}` : 'waiting for an approval'}${request ? `: “${request.text}”` : ''}\n\n` +
            `As the owner you may decide on their behalf (the run records that you did, for whom): type \`${DEMO_APPROVE_COMMAND}\` or \`${DEMO_REJECT_COMMAND} <reason>\`, or use Workflows › Waiting for you.`,
        ]);
      }
      if (step.status === 'running' && step.kind === 'tool') {
        // A step whose tool asks first (its permission is "ask", or untrusted text is involved): say how to answer it.
        const tool = view.run.definition.steps.find((s) => s.id === step.stepId);
        for (const approval of await this.pendingApprovals()) {
          if (!tool || !('tool' in tool) || approval.tool !== tool.tool) continue;
          out.push([`approval:${approval.id}`, `❔ **${step.title}** asks first: ${approval.summary}. Type \`/approve ${approval.id}\` or \`/reject ${approval.id}\`.`]);
        }
      }
      if (step.status === 'succeeded') out.push([`${step.stepId}:done`, await this.doneText(view, step)]);
      if (step.status === 'skipped') out.push([`${step.stepId}:skipped`, `– **${step.title}**: not needed (${step.summary ?? 'its condition did not hold'}).`]);
      if (step.status === 'failed' || step.status === 'interrupted') out.push([`${step.stepId}:${step.status}:${step.attempt}`, `✗ **${step.title}**: ${step.error ?? step.status}`]);
    }
    if (view.run.status === 'succeeded') out.push(['run:summary', this.summary(view)]);
    if (view.run.status === 'failed' || view.run.status === 'cancelled') out.push([`run:${view.run.status}`, `The onboarding run ${view.run.status === 'failed' ? 'stopped' : 'was stopped'}: ${view.run.detail ?? 'see the steps above'}.`]);
    return out;
  }

  /** Approvals of workflow tool calls: they belong to no conversation or task, so their cards show nowhere else in the chat. */
  private async pendingApprovals() {
    const pending = await this.core.request('approvals.list', { status: 'pending' });
    return pending.filter((a) => a.conversationId === null && a.taskId === null);
  }

  private async doneText(view: RunView, step: RunView['steps'][number]): Promise<string> {
    const line = `✓ **${step.title}**: ${step.summary ?? 'done'}`;
    if (step.stepId !== 'offer_letter') return line;
    const file = offerLetterPath(this.core, view);
    if (!file) return line;
    const text = await mammoth.extractRawText({ path: file }).then((r) => r.value.trim(), () => null);
    const preview = text ? `\n\n${text.split(/\n+/).map((l) => `> ${l}`).join('\n>\n')}` : '';
    return `${line}\n\nFile: \`${path.relative(this.core.paths.workspaceDir, file)}\` (in the workspace folder)${preview}`;
  }

  private summary(view: RunView): string {
    const links = readDemoLinks();
    const inputs = view.run.inputs as Record<string, unknown>;
    const name = `${String(inputs.firstName)} ${String(inputs.lastName)}`;
    const file = offerLetterPath(this.core, view);
    const employee = view.steps.find((s) => s.stepId === 'create_employee')?.output as { id?: string } | undefined;
    const lines = [
      `**${name} is onboarded.**`,
      `- Offer letter: ${file ? `\`${path.relative(this.core.paths.workspaceDir, file)}\`` : 'written'}`,
      `- Approved: ${view.steps.filter((s) => s.kind === 'approval' && s.status === 'succeeded').map((s) => s.summary ?? s.title).join('; ')}`,
      `- HR system: ${name}${employee?.id ? ` (employee ${employee.id})` : ''}${links ? ` — [Demo HR system](${links.hris})` : ''}`,
      `- Welcome email to ${String(inputs.email)}${links ? ` — [Demo inbox](${links.inbox})` : ''}`,
      `- First-day meeting on ${String(inputs.startDate)}${links ? ` — [Demo calendar](${links.calendar})` : ''}`,
    ];
    return lines.join('\n');
  }

  private post(conversationId: string, text: string): void {
    const { core } = this;
    // Like a reply: committed with its events, which go out after the commit.
    core.events.deferWhile(() =>
      core.db.transaction(() => {
        const message = core.conversations.repo.addMessage({ conversationId, role: 'assistant', agent: null, text, status: 'complete' });
        core.events.emit({ type: 'message.created', message });
        core.events.emit({ type: 'message.completed', message });
        return message;
      }),
    );
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.followed), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

function offerLetterPath(core: Core, view: RunView): string | null {
  const output = view.steps.find((s) => s.stepId === 'offer_letter')?.output as { path?: unknown } | undefined;
  if (typeof output?.path !== 'string') return null;
  const file = path.join(core.paths.workspaceDir, 'workflows', view.run.id, output.path);
  return existsSync(file) ? file : null;
}

function readFollowed(file: string, warn: (message: string) => void): Followed {
  if (!existsSync(file)) return {};
  try {
    const parsed = FollowedSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  warn(`demo: ${file} could not be read; runs started before are no longer reported in the chat`);
  return {};
}
