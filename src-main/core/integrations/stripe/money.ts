/**
 * Amounts as the user writes them ("120.50 EUR") and as Stripe wants them (integer minor units),
 * converted with string arithmetic so no float rounding ever changes what is charged. The currency
 * table follows Stripe's documented decimals: zero-decimal currencies (JPY …) take no fraction;
 * three-decimal ones (BHD, KWD …) take three.
 */
import { StewardError } from '../../errors.js';

const ZERO_DECIMAL = ['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'];
const THREE_DECIMAL = ['bhd', 'jod', 'kwd', 'omr', 'tnd'];
const TWO_DECIMAL = ['usd', 'eur', 'gbp', 'cad', 'aud', 'nzd', 'chf', 'sek', 'nok', 'dkk', 'pln', 'czk', 'huf', 'inr', 'sgd', 'hkd', 'mxn', 'brl', 'zar', 'ils', 'aed', 'thb', 'myr', 'php', 'idr', 'try', 'ron', 'bgn'];

export const CURRENCY_DECIMALS: ReadonlyMap<string, number> = new Map([...ZERO_DECIMAL.map((c) => [c, 0] as const), ...TWO_DECIMAL.map((c) => [c, 2] as const), ...THREE_DECIMAL.map((c) => [c, 3] as const)]);

export class MoneyInputError extends StewardError {
  constructor(field: string, message: string) {
    super('invalid_input', `${field} ${message} Nothing was charged.`, { issues: [{ path: field, message }] });
  }
}

/** A validated lowercase currency code, or a clear error naming the field. */
export function currencyCode(raw: string, field = 'currency'): string {
  const code = raw.trim().toLowerCase();
  if (!CURRENCY_DECIMALS.has(code)) throw new MoneyInputError(field, `"${raw}" is not a currency Steward can charge in: use a three-letter code such as usd, eur, gbp or jpy.`);
  return code;
}

/** "120.5" in usd → 12050; throws for zero, negative, too many decimals or not a number. */
export function toMinorUnits(amount: string | number, currency: string, field = 'amount'): number {
  const code = currencyCode(currency);
  const decimals = CURRENCY_DECIMALS.get(code)!;
  const text = typeof amount === 'number' ? numberToPlain(amount) : amount.trim();
  if (/^-/.test(text)) throw new MoneyInputError(field, `must be more than 0 (got ${text}).`);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new MoneyInputError(field, `must be a number such as 120.50 (got "${text}").`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) {
    const example = decimals === 0 ? 'whole units (no cents)' : `at most ${decimals} decimal place${decimals === 1 ? '' : 's'}`;
    throw new MoneyInputError(field, `has too many decimals for ${code.toUpperCase()}: use ${example}.`);
  }
  const minor = Number(match[1]!) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  if (!Number.isSafeInteger(minor)) throw new MoneyInputError(field, 'is too large.');
  if (minor <= 0) throw new MoneyInputError(field, `must be more than 0 (got ${text}).`);
  return minor;
}

export function fromMinorUnits(minor: number, currency: string): string {
  const decimals = CURRENCY_DECIMALS.get(currency.toLowerCase()) ?? 2;
  return decimals === 0 ? String(minor) : (minor / 10 ** decimals).toFixed(decimals);
}

/** "120.50 EUR" for cards and summaries. */
export function formatMoney(minor: number, currency: string): string {
  return `${fromMinorUnits(minor, currency)} ${currency.toUpperCase()}`;
}

/** The USD value for the payment limits; a currency without a rate in Payments › Limits is refused, never guessed. */
export function toUsd(minor: number, currency: string, usdPerUnit: Readonly<Record<string, number>>): number {
  const code = currency.toLowerCase();
  const rate = code === 'usd' ? 1 : usdPerUnit[code];
  if (rate === undefined) throw new MoneyInputError('currency', `${code.toUpperCase()} has no exchange rate in Payments › Limits (payments.usdPerUnit), so Steward cannot check it against your limits. Add one such as { "${code}": 1.08 } and try again.`);
  const decimals = CURRENCY_DECIMALS.get(code) ?? 2;
  return (minor / 10 ** decimals) * rate;
}

function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Up to 20 significant decimals without exponent notation; trailing zeros trimmed later.
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}
