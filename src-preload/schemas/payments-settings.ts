import { z } from 'zod';

/**
 * Limits on money that payment tools move (DESIGN §4.1: code, never the model, enforces them).
 * Amounts are US dollars; a payment in another currency is converted with `usdPerUnit`, and a
 * currency without a rate there is refused rather than guessed.
 */
const usd = (what: string) =>
  z
    .number({ error: `must be ${what} in US dollars, such as 500` })
    .positive('must be more than 0')
    .max(10_000_000, 'must be at most 10,000,000');

export const PaymentsSettingsSchema = z
  .object({
    /** The most one payment may move. */
    perPaymentUsd: usd('the largest single payment').default(500),
    /** All payments of one local calendar day together. */
    dailyUsd: usd('the daily payment limit').default(1000),
    /** All payments of one calendar month together. */
    monthlyUsd: usd('the monthly payment limit').default(10_000),
    /** At most this many payments per local calendar day. */
    maxPerDay: z.number({ error: 'must be a number of payments, such as 10' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(10),
    /** A notice (notification + chat) when the day's or month's payments reach this share of the limit. */
    alertAtPercent: z.number().int('must be a whole number').min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').default(80),
    /** US dollars per unit of each currency you pay in, e.g. { "eur": 1.08 }; "usd" is always 1. */
    usdPerUnit: z
      .record(z.string().regex(/^[a-z]{3}$/, 'must be a three-letter lowercase currency code such as "eur"'), z.number().positive('must be more than 0').max(100_000))
      .default({ usd: 1 }),
  })
  .strict()
  .prefault({});
export type PaymentsSettings = z.output<typeof PaymentsSettingsSchema>;
