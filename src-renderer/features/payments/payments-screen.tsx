import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { Transaction } from '../../../src-preload/schemas/payments.js';
import { DashboardPage, DashSection, InlineError, Notice } from '../../ui/dashboard-page.js';
import { useApi } from '../../app/dashboards-context.js';
import { downloadText } from '../../ui/form-controls.js';
import { createPaymentsStore, type PaymentsStore } from '../../state/dashboards/payments-store.js';
import { PaymentLimitsCard } from './payment-limits-card.js';
import './payments.css';

const usd = (n: number) => `$${n.toFixed(2)}`;
const REFUNDABLE = new Set(['succeeded', 'partially_refunded']);

/** Payments: what Steward charged, invoiced, subscribed and refunded; filter, export, refund (with approval), reconcile. */
export function PaymentsScreen() {
  const api = useApi();
  const store = useMemo(() => createPaymentsStore(api), [api]);
  const s = useStore(store);
  useEffect(() => {
    void store.getState().load();
    // A refund approved elsewhere, a payment made by the assistant: reload when money may have moved.
    return api.onEvent((event) => {
      if (event.type === 'approval.resolved' || event.type === 'notification' || event.type === 'cost.updated') void store.getState().load();
    });
  }, [api, store]);
  const data = s.data;

  return (
    <DashboardPage
      title="Payments"
      description="Every payment, invoice, subscription and refund Steward made through Stripe."
      actions={
        <>
          {data && (
            <span className={data.mode === 'live' ? 'chip chip--warn' : 'chip'} data-testid="payments-mode">
              {data.mode === 'live' ? 'Live mode — real money' : 'Test mode'}
            </span>
          )}
          <button type="button" className="button" disabled={s.busy} onClick={() => void store.getState().reconcile()}>
            Reconcile with Stripe
          </button>
          <button
            type="button"
            className="button"
            onClick={async () => {
              const file = await store.getState().exportCsv();
              if (file) downloadText(file.filename, file.csv, 'text/csv');
            }}
          >
            Export CSV
          </button>
        </>
      }
    >
      <Notice floating text={s.notice} />
      <InlineError message={s.error} onRetry={() => void store.getState().load()} />
      {data && (
        <p className="muted small" data-testid="payments-limits">
          Today: {data.today.count} of {data.today.maxCount} payments, {usd(data.today.usd)} of {usd(data.today.limitUsd)} · This month: {usd(data.month.usd)} of {usd(data.month.limitUsd)}
          {data.lastReconciledAt ? ` · Last reconciled ${new Date(data.lastReconciledAt).toLocaleString()}` : ' · Not reconciled yet'}
        </p>
      )}
      <PaymentLimitsCard />
      <Filters store={store} />
      <DashSection title="Ledger">
        {data && data.transactions.length === 0 ? (
          <p className="muted">No payments match. Payments appear here once the assistant charges, invoices or refunds through Stripe.</p>
        ) : (
          <table className="payments-table">
            <thead>
              <tr>
                <th>Date</th>
                <th>Kind</th>
                <th>Status</th>
                <th>Amount</th>
                <th>To / from</th>
                <th>Purpose</th>
                <th>Authorised</th>
                <th>Stripe</th>
                <th />
              </tr>
            </thead>
            <tbody>{data?.transactions.map((t) => <Row key={t.id} t={t} store={store} />)}</tbody>
          </table>
        )}
      </DashSection>
    </DashboardPage>
  );
}

function Filters({ store }: { store: PaymentsStore }) {
  const filter = useStore(store, (s) => s.filter);
  return (
    <form className="payments-filters" aria-label="Filter payments" onSubmit={(e) => e.preventDefault()}>
      <label>
        Kind
        <select value={filter.kind ?? ''} onChange={(e) => void store.getState().setFilter({ kind: (e.target.value || undefined) as never })}>
          <option value="">All</option>
          <option value="payment">Payments</option>
          <option value="invoice">Invoices</option>
          <option value="subscription">Subscriptions</option>
          <option value="refund">Refunds</option>
        </select>
      </label>
      <label>
        Status
        <select value={filter.status ?? ''} onChange={(e) => void store.getState().setFilter({ status: (e.target.value || undefined) as never })}>
          <option value="">All</option>
          {['pending', 'succeeded', 'failed', 'open', 'active', 'canceled', 'refunded', 'partially_refunded'].map((st) => (
            <option key={st} value={st}>
              {st.replace('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" value={filter.from ?? ''} onChange={(e) => void store.getState().setFilter({ from: e.target.value || undefined })} />
      </label>
      <label>
        To
        <input type="date" value={filter.to ?? ''} onChange={(e) => void store.getState().setFilter({ to: e.target.value || undefined })} />
      </label>
      <label className="grow">
        Search
        <input type="search" className="text-input" placeholder="Purpose, customer or Stripe id" value={filter.text ?? ''} onChange={(e) => void store.getState().setFilter({ text: e.target.value || undefined })} />
      </label>
    </form>
  );
}

function Row({ t, store }: { t: Transaction; store: PaymentsStore }) {
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const busy = useStore(store, (s) => s.busy);
  return (
    <>
      <tr data-ledger-id={t.id}>
        <td>{new Date(t.createdAt).toLocaleDateString()}</td>
        <td>{t.kind}</td>
        <td>
          <span className={t.status === 'failed' ? 'chip chip--result-error' : t.status === 'pending' ? 'chip chip--warn' : 'chip'}>{t.status.replace('_', ' ')}</span>
          {t.failure && <span className="muted small"> {t.failure}</span>}
        </td>
        <td>
          {t.amount} {t.currency.toUpperCase()}
          {t.refunded !== '0.00' && t.refunded !== '0' && <span className="muted small"> (refunded {t.refunded})</span>}
        </td>
        <td>{t.counterparty}</td>
        <td>{t.purpose}</td>
        <td>
          {t.authorisedBy}
          {t.twoFactorUsed ? ' · 2FA' : ''}
        </td>
        <td className="mono small">{t.stripeId ?? '—'}</td>
        <td>
          {t.kind === 'payment' && REFUNDABLE.has(t.status) && (
            <button type="button" className="button" onClick={() => setOpen(!open)} aria-expanded={open}>
              Refund…
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={9}>
            <form
              className="inline-form"
              aria-label={`Refund ${t.stripeId ?? t.id}`}
              onSubmit={async (e) => {
                e.preventDefault();
                if (await store.getState().refund({ ledgerEntry: t.id, reason, ...(amount.trim() && { amount: amount.trim() }) })) setOpen(false);
              }}
            >
              <label>
                Amount ({t.currency.toUpperCase()}, empty for the rest)
                <input className="text-input" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
              </label>
              <label className="grow">
                Reason
                <input className="text-input" required value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <button type="submit" className="button button--primary" disabled={busy || !reason.trim()}>
                Ask for approval
              </button>
            </form>
            <p className="muted small">The refund runs only after you approve it in Approvals, like any payment.</p>
          </td>
        </tr>
      )}
    </>
  );
}
