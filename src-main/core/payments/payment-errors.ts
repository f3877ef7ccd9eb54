import { StewardError } from '../errors.js';

const usd = (n: number) => `$${n.toFixed(2)}`;

/** A payment limit (Payments › Limits) would be crossed; nothing was charged. Always names the numbers. */
export class PaymentLimitError extends StewardError {
  readonly limit: 'per_payment' | 'daily' | 'monthly' | 'count';
  constructor(limit: PaymentLimitError['limit'], userMessage: string) {
    super('conflict', `${userMessage} Nothing was charged. Change the limit in Payments › Limits if this payment is intended.`);
    this.limit = limit;
  }

  static perPayment(amountUsd: number, limitUsd: number): PaymentLimitError {
    return new PaymentLimitError('per_payment', `This payment of ${usd(amountUsd)} is over your limit of ${usd(limitUsd)} per payment.`);
  }

  static budget(scope: 'daily' | 'monthly', amountUsd: number, spentUsd: number, limitUsd: number): PaymentLimitError {
    const when = scope === 'daily' ? 'today' : 'this month';
    return new PaymentLimitError(
      scope,
      `This payment of ${usd(amountUsd)} would take payments ${when} to ${usd(spentUsd + amountUsd)}, over your ${scope} payment limit of ${usd(limitUsd)} (${usd(spentUsd)} paid ${when}, ${usd(Math.max(0, limitUsd - spentUsd))} left).`,
    );
  }

  static count(made: number, max: number): PaymentLimitError {
    return new PaymentLimitError('count', `${made} payments were already made today, and your limit is ${max} payments per day.`);
  }
}

/** A financial tool that cannot state the amount it moves is refused (DESIGN §4.1: fail closed). */
export class PaymentAmountUnknownError extends StewardError {
  constructor(tool: string, reason: string) {
    super('invalid_input', `"${tool}" could not state how much money it would move (${reason}), so it was refused and nothing was charged.`);
  }
}
