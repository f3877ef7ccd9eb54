/**
 * The payments, calendar, text-message and Gmail tools speak to people too (issue 17): a human
 * name, a one-line description for users and a sentence for their cards, never the raw id or the
 * arguments as JSON.
 */
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-preload/schemas/settings.js';
import { calendarTools } from '../../../src-main/core/tools/builtin/calendar/index.js';
import { gmailTools } from '../../../src-main/core/tools/builtin/gmail/index.js';
import { smsTools } from '../../../src-main/core/tools/builtin/sms/index.js';
import { stripeTools } from '../../../src-main/core/tools/builtin/stripe/index.js';
import type { TransactionLedger } from '../../../src-main/core/payments/transaction-ledger.js';
import { summarise } from '../../../src-main/core/tools/tool-runner.js';
import { toolTitle, toolUserDescription } from '../../../src-main/core/tools/tool-title.js';
import type { AnyTool } from '../../../src-main/core/tools/tool.js';

const settings = SettingsSchema.parse({});
const tools: AnyTool[] = [
  // The ledger is only used when a tool runs; names, descriptions and card lines never touch it.
  ...stripeTools({ ledger: {} as TransactionLedger, settings: () => settings }),
  ...calendarTools(),
  ...smsTools({ getTwilioSettings: () => null }),
  ...gmailTools(),
];

/** Arguments a person might really send, and the sentence their card shows. */
const CARD_LINES: Record<string, { args: Record<string, unknown>; line: RegExp }> = {
  'stripe.list_upcoming_charges': { args: { limit: 5 }, line: /^List the next 5 upcoming Stripe charges$/ },
  'calendar.find_slots': {
    args: { attendees: [{ email: 'dana@acme.test' }], durationMinutes: 30, from: '2026-12-07T12:00', to: '2026-12-07T18:00' },
    line: /^Find 30-minute slots with dana@acme\.test between 2026-12-07 12:00 and 2026-12-07 18:00$/,
  },
  'sms.status': { args: { messageSid: `SM${'a'.repeat(32)}` }, line: /^Check delivery of text SMa+$/ },
  'gmail.search': { args: { query: 'from:dana offer' }, line: /^Search Gmail for “from:dana offer”$/ },
  'gmail.read': { args: { messageId: 'msg-123456' }, line: /^Read Gmail message msg-123456$/ },
};

describe('outside-action tools for people', () => {
  it('covers every Stripe, Calendar, SMS and Gmail tool', () => {
    expect(tools.map((t) => t.name).sort()).toEqual([
      'calendar.cancel_event',
      'calendar.create_event',
      'calendar.find_slots',
      'calendar.update_event',
      'gmail.read',
      'gmail.search',
      'gmail.send',
      'sms.send',
      'sms.status',
      'stripe.cancel_subscription',
      'stripe.create_payment',
      'stripe.create_subscription',
      'stripe.list_upcoming_charges',
      'stripe.payment_method_link',
      'stripe.refund',
      'stripe.send_invoice',
    ]);
  });

  it.each(tools.map((t) => t.name))('%s has a human name, a user description and a card sentence', (name) => {
    const tool = tools.find((t) => t.name === name)!;
    expect(tool.title, `${name} needs a title`).toBeTruthy();
    expect(toolTitle(tool)).not.toContain('.');
    expect(tool.userDescription, `${name} needs a userDescription`).toBeTruthy();
    expect(toolUserDescription(tool)).not.toBe(tool.description);
    expect(tool.describe, `${name} needs a describe() line`).toBeTypeOf('function');
  });

  it.each(Object.keys(CARD_LINES))('%s reads as a sentence on its card', (name) => {
    const tool = tools.find((t) => t.name === name)!;
    const { args, line } = CARD_LINES[name]!;
    expect(tool.parameters.safeParse(args).success).toBe(true);
    const summary = summarise(tool, args);
    expect(summary).toMatch(line);
    expect(summary).not.toMatch(/[{}[\]"]/);
  });
});
