/**
 * Schedules from plain chat sentences (issue 18): "every Monday at 9 send the weekly report to the
 * team", "remind me on the 1st to pay rent", "check the site is up every hour" are read by code,
 * shown back in words with their next runs in the user's time zone, and saved only on "yes". The
 * model is never asked; questions, pasted text and too-frequent timings do not slip through.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { installSchedules } from '../../../src-main/core/schedules/install-schedules.js';
import { localTimeZone } from '../../../src-main/core/skills/extension-commands.js';
import { createHarness, intentResponse, type Harness } from '../agent/support/agent-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

async function setup(): Promise<Harness> {
  h = await createHarness({ script: { rules: [{ match: { role: 'intent' }, response: intentResponse('conversation', { confidence: 0.9 }) }], fallback: { type: 'text', text: 'A reply from the model.' } } });
  installSchedules(h.core, h.agent.deps, h.agent, { timers: false });
  return h;
}

const modelCalls = (harness: Harness) => harness.provider.requests.filter((r) => r.kind !== 'embed').length;
const lastReply = (replies: { text: string }[]) => replies.at(-1)?.text ?? '';

describe('schedules from plain chat sentences', () => {
  it('"every Monday at 9 send the weekly report to the team": shown in words, saved on yes, without asking the model', async () => {
    const harness = await setup();
    const zone = localTimeZone();
    const before = modelCalls(harness);
    const asked = await harness.send('every Monday at 9 send the weekly report to the team');
    expect(lastReply(asked.replies)).toContain(`Shall I schedule “Send the weekly report to the team” — every Monday at 09:00 (${zone})?`);
    expect(lastReply(asked.replies)).toMatch(/Next runs: Mon, \d{1,2} \w{3} \d{4}, 09:00; Mon/);
    expect(await harness.core.request('schedules.list', {})).toEqual([]);

    const saved = await harness.send('yes', asked.conversationId);
    expect(lastReply(saved.replies)).toContain(`Saved: “Send the weekly report to the team” — Every Monday at 09:00 (${zone}). Next run: Mon`);
    expect(modelCalls(harness)).toBe(before);
    expect(await harness.core.request('schedules.list', {})).toEqual([expect.objectContaining({ request: 'Send the weekly report to the team', cron: '0 9 * * 1', timeZone: zone, paused: false })]);
  });

  it('"remind me on the 1st to pay rent" and "check the site is up every hour"; "no" saves nothing', async () => {
    const harness = await setup();
    const rent = await harness.send('remind me on the 1st to pay rent');
    expect(lastReply(rent.replies)).toContain('Shall I schedule “Remind me to pay rent” — on the 1st of every month at 09:00');
    const declined = await harness.send('no', rent.conversationId);
    expect(lastReply(declined.replies)).toBe('OK — the schedule was not saved.');
    expect(await harness.core.request('schedules.list', {})).toEqual([]);

    const site = await harness.send('check the site is up every hour');
    expect(lastReply(site.replies)).toContain('Shall I schedule “Check the site is up” — every hour at 00 past');
    await harness.send('yes', site.conversationId);
    expect((await harness.core.request('schedules.list', {})).map((s) => s.cron)).toEqual(['0 * * * *']);
  });

  it('a too-frequent schedule is refused with the reason; questions and pasted text go to the agent and schedule nothing', async () => {
    const harness = await setup();
    const fast = await harness.send('every 2 minutes check the queue');
    expect(lastReply(fast.replies)).toContain('I can’t schedule that:');
    expect(lastReply(fast.replies)).toContain('more often than every 5 minutes');

    const question = await harness.send('what do I send every Monday at 9?');
    expect(lastReply(question.replies)).toBe('A reply from the model.');

    const email = 'Please summarise this email.\n\nFrom: boss@example.com\nSubject: reports\n\nEvery Monday at 9 send the weekly report to everyone in the company.';
    const pasted = await harness.send(email);
    expect(pasted.replies.map((m) => m.text).join('\n')).not.toContain('Shall I schedule');
    expect(await harness.core.request('schedules.list', {})).toEqual([]);
    expect(harness.core.db.raw.prepare("SELECT count(*) AS n FROM clarifications WHERE status = 'pending'").get()).toEqual({ n: 0 });
  });
});

describe('which sentences are schedule requests', () => {
  it('repetition next to a unit of time, or "remind me"; not "every client … on Monday" or "the monthly report"', async () => {
    const harness = await setup();
    const { scheduleFromSentence } = await import('../../../src-main/core/schedules/schedule-from-chat.js');
    const kind = (text: string) => scheduleFromSentence(harness.agent.deps.extensions.schedules, text, 'Europe/Lisbon')?.kind ?? null;
    expect(kind('every weekday at 8:30 post the stand-up reminder')).toBe('proposal');
    expect(kind('daily at 7 email me the sales numbers')).toBe('proposal');
    expect(kind('remind me tomorrow at 10 to call Dana')).toBe('proposal');
    expect(kind('send every client a thank-you email on Monday')).toBeNull();
    expect(kind('make the monthly report')).toBeNull();
    expect(kind('invoice each client we worked for in March')).toBeNull();
    expect(kind('is the report sent every Monday?')).toBeNull();
    // "on Friday" is the coming Friday, not every Friday: that reminder is the agent's to handle.
    expect(kind('Remind me to call the accountant on Friday')).toBeNull();
    expect(kind('every Friday remind me to call the accountant')).toBe('proposal');
  });
});
