import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useApi } from '../../app/dashboards-context.js';
import { DashSection, InlineError } from '../../ui/dashboard-page.js';
import { createModelHubStore } from '../../state/dashboards/model-hub-store.js';
import { HubFiles } from './hub-files.js';
import { HubMirrorField } from './hub-mirror-field.js';

const count = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Models › Hugging Face: search the Hub's GGUF models by name, open a repository to see its
 * files with fit and speed on this computer, and download one (resumable, checked).
 */
export function HubSearchSection() {
  const api = useApi();
  const hub = useMemo(() => createModelHubStore(api), [api]);
  const s = useStore(hub);
  return (
    <DashSection title="Hugging Face">
      <form
        className="hub-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void hub.getState().search();
        }}
      >
        <input className="input" type="search" aria-label="Search Hugging Face GGUF models" placeholder="Search GGUF models: qwen3, gemma 3, phi-4 …" value={s.query} onChange={(e) => hub.getState().setQuery(e.target.value)} />
        <button type="submit" className="button button--primary" disabled={s.searching || s.query.trim().length < 2}>
          {s.searching ? 'Searching…' : 'Search'}
        </button>
      </form>
      <InlineError message={s.searchError} onRetry={() => void hub.getState().search()} />
      {s.openRepo ? (
        <HubFiles hub={hub} />
      ) : (
        s.results && (
          <>
            <p className="muted small">
              {s.results.length === 0 ? `No GGUF models on ${s.endpoint} match "${s.query}".` : `${s.results.length} GGUF repositories on ${s.endpoint}, most downloaded first.`}
            </p>
            <ul className="model-list hub-results">
              {s.results.map((r) => (
                <li key={r.repo} className="model">
                  <div className="model-main">
                    <p className="model-name">{r.repo}</p>
                    <p className="muted small">
                      {count.format(r.downloads)} downloads · {count.format(r.likes)} likes{r.pipelineTag ? ` · ${r.pipelineTag}` : ''}
                    </p>
                  </div>
                  <div className="row-actions">
                    <button type="button" className="button button--small" aria-label={`Show files of ${r.repo}`} onClick={() => void hub.getState().open(r.repo)}>
                      Files
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )
      )}
      <details className="hub-mirror-details">
        <summary>Mirror</summary>
        <HubMirrorField />
      </details>
    </DashSection>
  );
}
