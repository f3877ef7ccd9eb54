/**
 * The ledger as CSV (RFC 4180: comma separated, CRLF, quoted where needed) for accountants and
 * spreadsheets. Cells that a spreadsheet would run as a formula (=, +, -, @ first) are prefixed
 * with an apostrophe: a purpose written by a customer must never become a formula.
 */
import { fromMinorUnits } from '../integrations/stripe/money.js';
import type { TransactionRow } from './transaction-ledger.js';

const COLUMNS = ['created_at', 'kind', 'status', 'mode', 'amount', 'currency', 'amount_usd', 'refunded', 'purpose', 'counterparty', 'authorised_by', 'two_factor', 'approval_id', 'stripe_id', 'stripe_customer_id', 'refund_of', 'failure', 'ledger_id'] as const;

export function ledgerCsv(rows: readonly TransactionRow[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [r.createdAt, r.kind, r.status, r.mode, fromMinorUnits(r.amountMinor, r.currency), r.currency.toUpperCase(), r.amountUsd.toFixed(2), fromMinorUnits(r.refundedMinor, r.currency), r.purpose, r.counterparty, r.authorisedBy, r.twoFactorUsed ? 'yes' : 'no', r.approvalId ?? '', r.stripeId ?? '', r.stripeCustomerId ?? '', r.refundOf ?? '', r.failure ?? '', r.id]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
