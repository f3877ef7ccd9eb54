/**
 * "Schedule a 30-minute meeting with Dana tomorrow afternoon and text her the time", end to end:
 * the real local server (real keychain, real googleapis and twilio SDKs pointed at the local
 * Google and Twilio fakes, Google connected through the real browser sign-in flow), the agent with
 * the scripted model, and a person approving both outside actions in Chromium. The fakes must have
 * received exactly one event and one text.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { localParts } from '../../src-main/core/integrations/google/zoned-time.js';
import type { ScriptInput } from '../../src-main/core/llm/scripted-provider.js';
import { startGoogleFake, type GoogleFake } from '../fakes/google-fake.js';
import { startTwilioFake, type TwilioFake } from '../fakes/twilio-fake.js';
import { browserFollows } from '../integration/google/support.js';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { chatThread, openChat, sendChatMessage } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 30_000;
const ZONE = 'Europe/Berlin';
const DANA = { email: 'dana@example.com', phone: '+14155550123' };
const REQUEST = 'Schedule a 30-minute meeting with Dana tomorrow afternoon and text her the time';

function tomorrow(): string {
  const p = localParts(new Date(Date.now() + 86_400_000), ZONE);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function meetingScript(): ScriptInput {
  const day = tomorrow();
  const employee = (name: string, args: Record<string, unknown>) => ({ match: { role: 'employee' as const, call: 'chat' as const }, response: { type: 'toolCalls' as const, toolCalls: [{ name, arguments: args }] }, times: 1 });
  const says = (text: string) => ({ match: { role: 'employee' as const, call: 'chat' as const }, response: { type: 'text' as const, text }, times: 1 });
  const step = (title: string, tool: string) => ({ title, tool, instructions: title, expectedOutput: `${title} done`, expectedFiles: [], estimateSeconds: 5 });
  return {
    rules: [
      { match: { role: 'intent', lastUser: 'meeting with Dana' }, response: { type: 'json', value: { intent: 'complex_task', confidence: 0.95, tool: null, parameters: null, question: null } } },
      { match: { role: 'intent' }, response: { type: 'json', value: { intent: 'conversation', confidence: 0.9, tool: null, parameters: null, question: null } } },
      {
        match: { role: 'manager' },
        response: {
          type: 'json',
          value: { question: null, title: 'Meeting with Dana', summary: 'Find a slot, book it, text Dana', steps: [step('Find a free half hour tomorrow afternoon', 'calendar.find_slots'), step('Book the meeting', 'calendar.create_event'), step('Text Dana the time', 'sms.send')] },
        },
      },
      employee('calendar.find_slots', { attendees: [{ email: DANA.email }], durationMinutes: 30, from: `${day}T13:00`, to: `${day}T18:00`, timeZone: ZONE }),
      says('Dana is free from 13:00.'),
      employee('calendar.create_event', { title: 'Meeting with Dana', start: `${day}T13:00`, durationMinutes: 30, attendees: [DANA.email], timeZone: ZONE }),
      says('Booked.'),
      employee('sms.send', { to: DANA.phone, body: `Hi Dana, we meet tomorrow (${day}) at 13:00 Berlin time. The invite is in your email.` }),
      says('Texted Dana.'),
      { match: { role: 'supervisor' }, response: { type: 'json', value: { verdict: 'pass', reasons: ['booked and texted'], feedback: null, question: null } } },
      { match: { role: ['conversation', 'question', 'memory', 'other'] }, response: { type: 'text', text: 'OK.' } },
    ],
  };
}

describeInChromium('meeting + SMS through the agent in Chromium', () => {
  let google: GoogleFake;
  let twilio: TwilioFake;
  // The fakes start first (this beforeAll is registered before the suite's) and stop last.
  beforeAll(async () => {
    google = await startGoogleFake();
    twilio = await startTwilioFake();
  });
  afterAll(async () => {
    await google?.close();
    await twilio?.close();
  });
  const e2e = browserSuite({
    suite: 'meeting',
    script: (file) => writeFileSync(file, JSON.stringify(meetingScript())),
    timeoutMs: UI_TIMEOUT,
    env: () => ({ STEWARD_GOOGLE_API_URL: google.url, STEWARD_GOOGLE_OAUTH_URL: google.url, STEWARD_TWILIO_API_URL: twilio.url }),
  });
  const api = <T = unknown>(method: string, input: unknown) => callApi<T>(e2e.server, method, input);

  it('sets up Twilio and signs in to Google through the real OAuth flow', async () => {
    await api('settings.update', {
      patch: {
        integrations: {
          google: { clientId: google.clientId, timeZone: ZONE, workingHours: { start: '09:00', end: '18:00', days: [0, 1, 2, 3, 4, 5, 6] }, features: { gmailSend: false, gmailRead: false, calendar: true } },
          twilio: { accountSid: twilio.accountSid, fromNumber: '+15005550006', deliveryWatchSeconds: 4 },
        },
      },
    });
    await api('integrations.setSecret', { account: 'twilio.authToken', value: twilio.authToken });
    const { authUrl } = await api<{ authUrl: string }>('integrations.connect', { service: 'google' });
    expect(new URL(authUrl).searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2callback$/);
    expect(await browserFollows(authUrl)).toContain('Steward is connected to Google');
    await expect
      .poll(async () => (await api<{ services: { id: string; state: { state: string; account?: string } }[] }>('integrations.status', {})).services.find((s) => s.id === 'google')!.state, { timeout: 15_000 })
      .toEqual({ state: 'connected', account: 'owner@acme.test' });

    // The Integrations screen shows both services with their fields, Google's Connect button and who it is connected as.
    await e2e.page.goto(e2e.server.chatUrl);
    await e2e.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    const googleCard = e2e.page.getByRole('region', { name: 'Google' });
    await googleCard.getByRole('button', { name: /^(Connect|Reconnect)$/ }).waitFor();
    expect(await googleCard.getByRole('textbox', { name: 'OAuth client ID' }).inputValue()).toBe(google.clientId);
    await e2e.page.getByText(/owner@acme\.test/).first().waitFor();
    const twilioCard = e2e.page.getByRole('region', { name: 'SMS (Twilio)' });
    expect(await twilioCard.getByRole('textbox', { name: 'Sending number' }).inputValue()).toBe('+15005550006');
    await twilioCard.getByRole('textbox', { name: 'Account SID' }).fill('not-a-sid');
    await twilioCard.getByRole('button', { name: 'Save', exact: true }).click();
    await twilioCard.getByText(/Account SID must be your Twilio Account SID/).waitFor();
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'integrations-google-twilio.png'), fullPage: true });
  }, 90_000);

  it('plans, asks for both outside actions in the chat, and books one event and sends one text', async () => {
    await openChat(e2e.page, e2e.server);
    await sendChatMessage(e2e.page, REQUEST);
    const thread = chatThread(e2e.page);
    const cards = (): Locator => thread.getByRole('article', { name: /^Approval request:/ });

    const booking = cards().filter({ hasText: 'Book “Meeting with Dana”' }).last();
    await booking.waitFor();
    await booking.getByText(/with dana@example\.com, with a Meet link; invitations are emailed/).first().waitFor();
    expect(google.events.size).toBe(0);
    await booking.getByRole('button', { name: 'Approve' }).click();
    await booking.getByText(/Approved by you/).waitFor();

    const text = cards().filter({ hasText: `Text ${DANA.phone}` }).last();
    await text.waitFor();
    await text.getByText(/1 segment \(GSM-7\), about \$0\.0083\. A text cannot be unsent once Twilio has it\./).first().waitFor();
    expect(twilio.sent()).toHaveLength(0);
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'meeting-sms-approval.png') });
    await text.getByRole('button', { name: 'Approve' }).click();
    await text.getByText(/Approved by you/).waitFor();

    await expect.poll(() => twilio.sent().length, { timeout: 30_000 }).toBe(1);
    const finished = async () => (await api<{ status: string }[] | { tasks: { status: string }[] }>('tasks.list', {}));
    await expect.poll(async () => JSON.stringify(await finished()), { timeout: 30_000 }).toContain('"status":"succeeded"');
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'meeting-sms-done.png') });
    expect(google.events.size).toBe(1);
    const event = [...google.events.values()][0]!;
    expect(event).toMatchObject({ summary: 'Meeting with Dana', status: 'confirmed', sendUpdates: 'all', conferenceDataVersion: '1', attendees: [{ email: DANA.email }] });
    expect(twilio.sent()).toHaveLength(1);
    expect(twilio.sent()[0]).toMatchObject({ to: DANA.phone, from: '+15005550006' });
    expect(twilio.sent()[0]!.body).toContain('13:00 Berlin time');
    expect(e2e.problems).toEqual([]);
  }, 120_000);
});
