import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { DashboardPage, DashSection, InlineError, Notice } from '../../app/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { ConfirmDialog, downloadText } from '../../app/form-controls.js';
import type { CategoryFilter } from '../../state/dashboards/memory-store.js';
import { CATEGORIES, CATEGORY_LABELS } from './category-labels.js';
import { FactHistoryDialog } from './fact-history-dialog.js';
import { FactRow } from './fact-row.js';
import { MemoryAnalyticsCard, MemoryQuestionsCard, MemorySettingsCard } from './memory-side-cards.js';
import './memory.css';

/** Memory: what Steward knows about the business, and the controls over it. */
export function MemoryScreen() {
  const memory = useDashboards().memory;
  const s = useStore(memory);
  const [query, setQuery] = useState('');
  const [confirmClear, setConfirmClear] = useState(false);
  const [pendingDelete, setPendingDelete] = useState<{ id: string; label: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void memory.getState().load();
  }, [memory]);

  const exportAs = async (format: 'json' | 'markdown') => {
    const file = await memory.getState().exportAs(format);
    if (file) downloadText(file.fileName, file.content, file.mime);
  };

  const onImportFile = async (file: File | undefined) => {
    if (!file) return;
    await memory.getState().importContent(await file.text());
    if (fileInput.current) fileInput.current.value = '';
  };

  const facts = s.search ? s.search.facts.map((r) => r.fact) : s.facts;

  return (
    <DashboardPage
      title="Memory"
      description="What Steward has learned about your business. Edit or remove anything; nothing leaves this computer."
      actions={
        <>
          <button type="button" className="button" onClick={() => void exportAs('json')}>
            Export JSON
          </button>
          <button type="button" className="button" onClick={() => void exportAs('markdown')}>
            Export Markdown
          </button>
          <button type="button" className="button" onClick={() => fileInput.current?.click()}>
            Import…
          </button>
          <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-label="Memory file to import" data-testid="memory-import-input" onChange={(e) => void onImportFile(e.target.files?.[0])} />
          <button type="button" className="button button--ghost-danger" onClick={() => setConfirmClear(true)}>
            Clear…
          </button>
        </>
      }
    >
      <Notice floating text={s.notice} />
      {s.importReport && (
        <div className={s.importReport.ok ? 'dash-success' : 'dash-error'} role={s.importReport.ok ? 'status' : 'alert'}>
          <p>{s.importReport.ok ? s.importReport.text : 'The file was not imported. Nothing changed.'}</p>
          {!s.importReport.ok && (
            <ul className="problem-list">
              {s.importReport.problems.length > 0
                ? s.importReport.problems.map((p) => (
                    <li key={p.where}>
                      <code>{p.where}</code> {p.message}
                    </li>
                  ))
                : [<li key="all">{s.importReport.text}</li>]}
            </ul>
          )}
        </div>
      )}
      <div className="dash-columns">
        <div className="dash-col-main">
          <DashSection title={s.search ? `Search results (${facts.length})` : `Facts (${s.total})`}>
            <form
              className="search-row"
              role="search"
              onSubmit={(e) => {
                e.preventDefault();
                void memory.getState().runSearch(query);
              }}
            >
              <input className="text-input search-input" type="search" placeholder="Search memory — e.g. “Bob’s email”" aria-label="Search memory" value={query} onChange={(e) => setQuery(e.target.value)} />
              <button type="submit" className="button button--primary" disabled={s.searching}>
                {s.searching ? 'Searching…' : 'Search'}
              </button>
              {s.search && (
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setQuery('');
                    memory.getState().clearSearch();
                  }}
                >
                  Clear search
                </button>
              )}
            </form>
            <InlineError message={s.searchError} />
            {s.search && (
              <p className="muted small">
                {s.search.diagnostics.mode === 'hybrid' ? 'Semantic + keyword search.' : `Keyword search${s.search.diagnostics.reason ? ` (${s.search.diagnostics.reason})` : ''}.`}
              </p>
            )}
            {!s.search && (
              <div className="tabs" role="tablist" aria-label="Category">
                {(['all', ...CATEGORIES] as CategoryFilter[]).map((c) => (
                  <button
                    key={c}
                    type="button"
                    role="tab"
                    aria-selected={s.category === c}
                    className="tab"
                    onClick={() => void memory.getState().setCategory(c)}
                  >
                    {c === 'all' ? 'All' : CATEGORY_LABELS[c]}
                    {c !== 'all' && s.analytics ? <span className="tab-count">{s.analytics.byCategory[c] ?? 0}</span> : null}
                  </button>
                ))}
              </div>
            )}
            <InlineError message={s.error} onRetry={() => void memory.getState().load()} />
            {s.status === 'loading' && <p className="muted">Loading…</p>}
            {s.status !== 'loading' && facts.length === 0 && (
              <p className="dash-empty">
                {s.search
                  ? 'Nothing matches. Try other words, or fewer of them.'
                  : 'Nothing here yet. Tell Steward about your business in the chat — for example “Remember that our VAT number is …” — or import a memory file.'}
              </p>
            )}
            <ul className="fact-list" aria-label="Facts">
              {facts.map((fact) => (
                <FactRow
                  key={fact.id}
                  fact={fact}
                  onSave={(patch) => memory.getState().edit(patch)}
                  onHistory={() => void memory.getState().openHistory(fact.id)}
                  onDelete={() => setPendingDelete({ id: fact.id, label: `${fact.subject} · ${fact.predicate.replace(/_/g, ' ')}: ${fact.object}` })}
                />
              ))}
            </ul>
          </DashSection>
        </div>
        <div className="dash-col-side">
          <MemoryQuestionsCard />
          <MemoryAnalyticsCard />
          <MemorySettingsCard />
        </div>
      </div>
      <FactHistoryDialog />
      <ConfirmDialog
        open={pendingDelete !== null}
        title="Delete this fact?"
        body={<p>{pendingDelete?.label}</p>}
        confirmLabel="Delete"
        danger
        onCancel={() => setPendingDelete(null)}
        onConfirm={() => {
          if (pendingDelete) void memory.getState().remove([pendingDelete.id]);
          setPendingDelete(null);
        }}
      />
      <ConfirmDialog
        open={confirmClear}
        title="Clear all memory?"
        body={<p>This deletes every fact, person, company and remembered conversation turn for good. Export first if you may want them back.</p>}
        confirmLabel="Clear everything"
        danger
        onCancel={() => setConfirmClear(false)}
        onConfirm={() => {
          setConfirmClear(false);
          void memory.getState().clearAll();
        }}
      />
    </DashboardPage>
  );
}
