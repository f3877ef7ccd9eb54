/**
 * The payment limits as plain code (DESIGN §4.1): per payment, per day, per month and the number
 * of payments per day, all from Payments › Limits, all over the transaction ledger. The model
 * cannot reach any of it. The runner calls check() before asking for approval and again before
 * running (approved arguments may differ), and afterPayment() once a payment went through, which
 * raises the 80% alert.
 */
import type { EventBus } from '../events.js';
import type { SettingsStore } from '../store/settings-store.js';
import { PaymentLimitError } from './payment-errors.js';
import type { TransactionLedger } from './transaction-ledger.js';

export interface PaymentBudgetView {
  amountUsd: number;
  dailyLeftUsd: number;
  monthlyLeftUsd: number;
  paymentsLeftToday: number;
}

export interface PaymentGuard {
  /** Throws PaymentLimitError (with the numbers) when this payment would break a limit. */
  check(amountUsd: number): PaymentBudgetView;
  /** After a payment went through: an alert (notification + returned chat notice) when a budget reached the alert share. */
  afterPayment(amountUsd: number): string | null;
}

const EPSILON = 1e-9;
const usd = (n: number) => `$${n.toFixed(2)}`;

export class PaymentLimits implements PaymentGuard {
  constructor(
    private readonly ledger: TransactionLedger,
    private readonly settings: SettingsStore,
    private readonly events: EventBus,
  ) {}

  check(amountUsd: number): PaymentBudgetView {
    const limits = this.settings.get().payments;
    const today = this.ledger.today();
    const month = this.ledger.thisMonth();
    const view = { amountUsd, dailyLeftUsd: limits.dailyUsd - today.usd, monthlyLeftUsd: limits.monthlyUsd - month.usd, paymentsLeftToday: Math.max(0, limits.maxPerDay - today.count) };
    // Moving no money (cancelling a subscription, a payment-method link) is never blocked by the limits: stopping charges must stay possible.
    if (amountUsd === 0) return view;
    if (amountUsd > limits.perPaymentUsd + EPSILON) throw PaymentLimitError.perPayment(amountUsd, limits.perPaymentUsd);
    if (today.count >= limits.maxPerDay) throw PaymentLimitError.count(today.count, limits.maxPerDay);
    if (today.usd + amountUsd > limits.dailyUsd + EPSILON) throw PaymentLimitError.budget('daily', amountUsd, today.usd, limits.dailyUsd);
    if (month.usd + amountUsd > limits.monthlyUsd + EPSILON) throw PaymentLimitError.budget('monthly', amountUsd, month.usd, limits.monthlyUsd);
    return view;
  }

  afterPayment(amountUsd: number): string | null {
    const limits = this.settings.get().payments;
    const share = limits.alertAtPercent / 100;
    const notices: string[] = [];
    for (const [scope, totals, limit] of [
      ['today', this.ledger.today(), limits.dailyUsd],
      ['this month', this.ledger.thisMonth(), limits.monthlyUsd],
    ] as const) {
      const before = totals.usd - amountUsd;
      // Alert once, on the payment that crosses the line, not on every payment after it.
      if (totals.usd + EPSILON >= limit * share && before + EPSILON < limit * share) {
        const percent = Math.floor((totals.usd / limit) * 100 + EPSILON);
        notices.push(`Payments ${scope} have reached ${usd(totals.usd)} of your ${usd(limit)} limit (${percent}%); ${usd(Math.max(0, limit - totals.usd))} left.`);
      }
    }
    if (notices.length === 0) return null;
    const body = notices.join(' ');
    this.events.emit({ type: 'notification', level: 'warning', title: 'Payment budget almost used', body });
    return body;
  }
}
