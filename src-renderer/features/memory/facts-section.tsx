import { useState } from 'react';
import { useStore } from 'zustand';
import { DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import type { CategoryFilter } from '../../state/dashboards/memory-store.js';
import { CATEGORIES, CATEGORY_LABELS } from './category-labels.js';
import { AddFactForm } from './add-fact-form.js';
import { FactRow } from './fact-row.js';

/** The Memory screen's facts: add a fact by hand, search, the category tabs and the list of facts with edit, history and delete. */
export function FactsSection({ onDelete }: { onDelete: (fact: { id: string; label: string }) => void }) {
  const memory = useDashboards().memory;
  const s = useStore(memory);
  const [query, setQuery] = useState('');
  const facts = s.search ? s.search.facts.map((r) => r.fact) : s.facts;
  return (
    <DashSection title={s.search ? `Search results (${facts.length})` : `Facts (${s.total})`}>
      <AddFactForm onAdd={(statement) => memory.getState().add(statement)} />
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
              className="pill-button tab"
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
            onDelete={() => onDelete({ id: fact.id, label: `${fact.subject} · ${fact.predicate.replace(/_/g, ' ')}: ${fact.object}` })}
          />
        ))}
      </ul>
    </DashSection>
  );
}
