import { useState } from 'react';
import { useStore } from 'zustand';
import { DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { PathPicker } from '../../ui/path-picker.js';
import { formatBytes } from '../../ui/format-bytes.js';

/**
 * Models › Installed: the models on this computer with their defaults and problems, the
 * "download the recommended one" callout while there is none, and import from a path.
 */
export function InstalledModels({ onDelete }: { onDelete: (id: string) => void }) {
  const models = useDashboards().models;
  const s = useStore(models);
  const [importPath, setImportPath] = useState('');
  const chatModels = s.installed.filter((m) => m.purpose === 'chat');
  const recommended = s.recommendation?.recommendedId ? s.catalog.find((c) => c.entry.id === s.recommendation?.recommendedId) : undefined;
  return (
    <DashSection title="Installed">
      {s.status === 'loading' && <p className="muted">Loading…</p>}
      {s.status === 'ready' && chatModels.length === 0 && (
        <div className="empty-callout" data-testid="models-empty">
          <p className="empty-callout-title">No model installed — download the recommended one</p>
          <p className="muted">
            {recommended
              ? `${recommended.entry.displayName} (${formatBytes(recommended.entry.sizeBytes)}) fits this computer best.`
              : 'Pick one from the catalog below that fits this computer, or import a .gguf file you already have.'}
          </p>
          {recommended && !recommended.downloading && (
            <button type="button" className="button button--primary" onClick={() => void models.getState().pull(recommended.entry.id)}>
              Download {recommended.entry.displayName}
            </button>
          )}
        </div>
      )}
      {s.installed.length > 0 && (
        <ul className="model-list">
          {s.installed.map((m) => (
            <li key={m.id} className="model">
              <div className="model-main">
                <p className="model-name">
                  {m.displayName}
                  {m.defaultFor.map((p) => (
                    <span key={p} className="chip chip--accent">
                      default {p}
                    </span>
                  ))}
                </p>
                <p className="muted small">
                  {m.purpose} · {formatBytes(m.sizeBytes)}
                  {m.gguf?.fileType ? ` · ${m.gguf.fileType}` : ''} · {m.fileName}
                </p>
                {m.problem && <p className="field-error-text">{m.problem}</p>}
                <InlineError message={s.actionErrors[m.id]} />
              </div>
              <div className="row-actions">
                {!m.defaultFor.includes(m.purpose) && !m.problem && (
                  <button type="button" className="button button--small" onClick={() => void models.getState().setDefault(m.id, m.purpose)}>
                    Use as default
                  </button>
                )}
                <button type="button" className="button button--small button--ghost-danger" onClick={() => onDelete(m.id)} aria-label={`Delete ${m.displayName}`}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void models
            .getState()
            .importPath(importPath)
            .then((ok) => ok && setImportPath(''));
        }}
      >
        <div className="grow">
          <PathPicker pick="file" extensions={['.gguf']} label="Import a .gguf file" value={importPath} onChange={setImportPath} error={s.importError} hint="Browse… or type the full path on this computer, e.g. /home/you/models/model.gguf" placeholder="/path/to/model.gguf" />
        </div>
        <button type="submit" className="button" disabled={!importPath.trim()}>
          Import
        </button>
      </form>
    </DashSection>
  );
}
