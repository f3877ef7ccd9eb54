import { useRef } from 'react';
import { useStore } from 'zustand';
import { useDashboards } from '../../app/dashboards-context.js';
import { downloadText } from '../../ui/form-controls.js';

/** The Memory screen's header buttons: export (JSON, Markdown), import a file, clear everything. */
export function MemoryActions({ onClear }: { onClear: () => void }) {
  const memory = useDashboards().memory;
  const fileInput = useRef<HTMLInputElement>(null);

  const exportAs = async (format: 'json' | 'markdown') => {
    const file = await memory.getState().exportAs(format);
    if (file) downloadText(file.fileName, file.content, file.mime);
  };

  const onImportFile = async (file: File | undefined) => {
    if (!file) return;
    await memory.getState().importContent(await file.text());
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
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
      <button type="button" className="button button--ghost-danger" onClick={onClear}>
        Clear…
      </button>
    </>
  );
}

/** What an import did, or — when it was refused — each problem with where it is in the file. */
export function ImportReport() {
  const report = useStore(useDashboards().memory, (s) => s.importReport);
  if (!report) return null;
  return (
    <div className={report.ok ? 'dash-success' : 'dash-error'} role={report.ok ? 'status' : 'alert'}>
      <p>{report.ok ? report.text : 'The file was not imported. Nothing changed.'}</p>
      {!report.ok && (
        <ul className="problem-list">
          {report.problems.length > 0
            ? report.problems.map((p) => (
                <li key={p.where}>
                  <code>{p.where}</code> {p.message}
                </li>
              ))
            : [<li key="all">{report.text}</li>]}
        </ul>
      )}
    </div>
  );
}
