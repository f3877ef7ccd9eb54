import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { AuditEntry } from '../../../src-preload/contract.js';
import { DashboardPage, DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { filterAudit } from '../../state/dashboards/audit-store.js';
import './audit.css';

/** Audit log: every state change and outside action, filterable, with the hash-chain check. */
export function AuditScreen() {
  const audit = useDashboards().audit;
  const s = useStore(audit);
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    void audit.getState().load();
  }, [audit]);
  const rows = useMemo(() => filterAudit(s.entries, s.filter), [s.entries, s.filter]);
  const filtered = rows.length !== s.entries.length;

  return (
    <DashboardPage
      title="Audit log"
      description="Every change and every outside action, in an append-only, hash-chained log."
      actions={
        <button type="button" className="button button--primary" onClick={() => void audit.getState().verify()} disabled={s.verifying}>
          {s.verifying ? 'Verifying…' : 'Verify chain'}
        </button>
      }
    >
      <div aria-live="polite">
        {s.verification?.ok && (
          <div className="dash-success" data-testid="audit-verify-result">
            <strong>Chain intact.</strong> All {s.verification.checked} rows match their hashes and links.
          </div>
        )}
        {s.verification && !s.verification.ok && (
          <div className="dash-error" role="alert" data-testid="audit-verify-result">
            <strong>The chain is broken at row #{s.verification.firstBadSeq ?? '?'}.</strong> {s.verification.problem ?? ''} Rows before it were checked and are intact ({s.verification.checked} checked).
          </div>
        )}
        <InlineError message={s.verifyError} onRetry={() => void audit.getState().verify()} />
      </div>
      <DashSection title={filtered ? `Entries (${rows.length} of ${s.entries.length} loaded)` : `Entries (${s.entries.length} loaded)`}>
        <form className="filter-row" role="search" aria-label="Filter audit entries" onSubmit={(e) => e.preventDefault()}>
          <input className="text-input" placeholder="Actor" aria-label="Actor" value={s.filter.actor} onChange={(e) => audit.getState().setFilter({ actor: e.target.value })} />
          <input className="text-input" placeholder="Action" aria-label="Action" value={s.filter.action} onChange={(e) => audit.getState().setFilter({ action: e.target.value })} />
          <select className="text-input" aria-label="Result" value={s.filter.result} onChange={(e) => audit.getState().setFilter({ result: e.target.value as typeof s.filter.result })}>
            <option value="all">Any result</option>
            <option value="ok">ok</option>
            <option value="error">error</option>
            <option value="rejected">rejected</option>
          </select>
          <input className="text-input grow" type="search" placeholder="Search text and arguments" aria-label="Text" value={s.filter.text} onChange={(e) => audit.getState().setFilter({ text: e.target.value })} />
        </form>
        <InlineError message={s.error} onRetry={() => void audit.getState().load()} />
        {s.status === 'ready' && rows.length === 0 && <p className="dash-empty">{s.entries.length === 0
              ? 'Nothing has been logged yet. Every setting you change and every action Steward takes will be recorded here.'
              : `No loaded entry matches these filters. Clear a filter${s.hasMore ? ', or load older entries below' : ''}.`}</p>}
        {rows.length > 0 && (
          <table className="table table--audit">
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Result</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <AuditRow key={e.seq} entry={e} open={open === e.seq} bad={s.verification?.firstBadSeq === e.seq} onToggle={() => setOpen(open === e.seq ? null : e.seq)} />
              ))}
            </tbody>
          </table>
        )}
        {s.hasMore && (
          <div className="load-more">
            <button type="button" className="button" onClick={() => void audit.getState().loadMore()} disabled={s.loadingMore}>
              {s.loadingMore ? 'Loading…' : 'Load older entries'}
            </button>
          </div>
        )}
      </DashSection>
    </DashboardPage>
  );
}

function AuditRow({ entry, open, bad, onToggle }: { entry: AuditEntry; open: boolean; bad: boolean; onToggle: () => void }) {
  return (
    <>
      <tr className={bad ? 'row--bad' : undefined}>
        <td className="num">{entry.seq}</td>
        <td className="nowrap">{new Date(entry.at).toLocaleString()}</td>
        <td>{entry.actor}</td>
        <td>
          <code>{entry.action}</code>
        </td>
        <td>
          <span className={`chip chip--result-${entry.result}`}>{entry.result}</span>
        </td>
        <td>
          <div className="detail-cell">
            <span className="truncate">{entry.detail ?? ''}</span>
            <button type="button" className="link-button small" aria-expanded={open} onClick={onToggle}>
              {open ? 'Hide' : 'Details'}
            </button>
          </div>
        </td>
      </tr>
      {open && (
        <tr className="row-details">
          <td colSpan={6}>
            <dl className="kv">
              <dt>Approver</dt>
              <dd>{entry.approver ?? '—'}</dd>
              <dt>Cost</dt>
              <dd>{entry.costUsd === null ? '—' : `$${entry.costUsd.toFixed(4)}`}</dd>
              <dt>Rollback</dt>
              <dd>{entry.rollback ?? '—'}</dd>
              <dt>Hash</dt>
              <dd>
                <code className="hash">{entry.hash}</code>
              </dd>
            </dl>
            <pre className="args">{JSON.stringify(entry.args, null, 2)}</pre>
          </td>
        </tr>
      )}
    </>
  );
}
