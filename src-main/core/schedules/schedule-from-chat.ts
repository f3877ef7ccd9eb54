/**
 * Schedules asked for in plain chat sentences — "every Monday at 9 send the weekly report to the
 * team", "remind me on the 1st to pay rent", "check the site is up every hour" — recognised and
 * parsed by code (schedule-parser.ts), never by the model: what is shown back in words for the
 * user's yes is exactly what is saved. Only sentences that ask for repetition or a reminder are
 * taken; questions ("what runs every Monday?") and one-off work go to the agent as usual.
 */
import type { ScheduleProposal } from '../../../src-preload/schemas/schedules.js';
import type { Schedules } from './install-schedules.js';
import { StewardError, toStewardError } from '../errors.js';
import { localTimeZone } from '../skills/extension-commands.js';
import { ScheduleNotUnderstoodError } from './schedule-errors.js';

/**
 * Words that ask for something to happen again and again, or later on its own: "every" or "each"
 * next to a unit of time ("every Monday", "every 2 hours", "each month"), "hourly", "daily", or
 * "remind me". "Send every client an email on Monday" is one piece of work, not a schedule.
 */
const REPEATING = /\b(?:every|each)\s+(?:\d{1,3}\s+)?(?:minute|min|hour|day|morning|evening|night|weekday|working\s+day|work\s+day|week|month|sunday|monday|tuesday|wednesday|thursday|friday|saturday)s?\b|\b(?:hourly|daily)\b/i;
const REMINDER = /\bremind\s+me\b/i;
/** "Remind me … on Friday" means the coming Friday; the parser would read it as every Friday, so such a sentence goes to the agent. */
const ON_A_WEEKDAY = /\bon\s+(?:sun|mon|tues|wednes|thurs|fri|satur)day\b/i;
/** A question about schedules is not a request to make one. */
const QUESTION = /\?\s*$|^\s*(what|when|which|who|why|how|did|do|does|is|are|was|were|can|could|would|should|will|have|has)\b/i;

export type ChatSchedule = { kind: 'proposal'; proposal: ScheduleProposal; text: string } | { kind: 'refused'; text: string };

/**
 * The schedule a chat sentence asks for, in words with its next runs — or why it cannot be
 * scheduled (too frequent, never fires). Null when the sentence is not a schedule request.
 */
export function scheduleFromSentence(schedules: Schedules | null, sentence: string, timeZone = localTimeZone()): ChatSchedule | null {
  if (!schedules || QUESTION.test(sentence)) return null;
  const repeating = REPEATING.test(sentence);
  if (!repeating && !(REMINDER.test(sentence) && !ON_A_WEEKDAY.test(sentence))) return null;
  let proposal: ScheduleProposal;
  try {
    proposal = schedules.service.propose(sentence, timeZone);
  } catch (err) {
    // No timing found: an ordinary request that happens to say "each" — the agent takes it.
    if (err instanceof ScheduleNotUnderstoodError) return null;
    return { kind: 'refused', text: `I can’t schedule that: ${toStewardError(err).userMessage}` };
  }
  return { kind: 'proposal', proposal, text: confirmationText(proposal) };
}

/** "Schedule “Send the weekly report to the team” — every Monday at 09:00 (Europe/Lisbon)? …" */
export function confirmationText(proposal: ScheduleProposal): string {
  const when = `${proposal.words.charAt(0).toLowerCase()}${proposal.words.slice(1)}`;
  const next = proposal.nextRuns.map((iso) => localTime(iso, proposal.timeZone)).join('; ');
  return [
    `Shall I schedule “${proposal.request}” — ${when}?`,
    `${proposal.nextRuns.length > 1 ? 'Next runs' : 'It runs'}: ${next}.`,
    'Say yes to save it, or no to leave it. Nothing is saved until you say yes; the Schedules view lists, pauses and edits it afterwards.',
  ].join('\n');
}

/** Saves what the user confirmed; the reply says when it runs next. */
export function saveConfirmedSchedule(schedules: Schedules | null, proposal: ScheduleProposal): string {
  if (!schedules) throw new StewardError('conflict', 'Scheduled tasks are not available right now, so nothing was saved.');
  const saved = schedules.service.create({ title: proposal.title, request: proposal.request, cron: proposal.cron, runAt: proposal.runAt, timeZone: proposal.timeZone });
  return `Saved: “${saved.title}” — ${saved.words}. Next run: ${saved.nextRunAt ? localTime(saved.nextRunAt, saved.timeZone) : 'none'}. Pause, edit or delete it in the Schedules view.`;
}

function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
