import { useId, useState, type KeyboardEvent } from 'react';
import type { ArtifactPreview } from '../../../src-preload/schemas/artifacts.js';

type TablePreviewData = Extract<ArtifactPreview, { kind: 'table' }>;

/** A workbook: one tab per sheet (arrow keys move between tabs), the first row as a sticky header. */
export function TablePreview({ preview }: { preview: TablePreviewData }) {
  const [selected, setSelected] = useState(0);
  const baseId = useId();
  const { sheets } = preview;
  if (sheets.length === 0) return <p className="preview-note">This workbook has no sheets.</p>;
  const index = Math.min(selected, sheets.length - 1);
  const sheet = sheets[index]!;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + sheets.length) % sheets.length;
    setSelected(next);
    document.getElementById(`${baseId}-tab-${next}`)?.focus();
  };
  const [header, ...body] = sheet.rows;
  return (
    <div className="preview-table">
      {sheets.length > 1 && (
        <div className="preview-tabs" role="tablist" aria-label="Sheets" onKeyDown={onKeyDown}>
          {sheets.map((s, i) => (
            <button
              key={s.name}
              id={`${baseId}-tab-${i}`}
              type="button"
              role="tab"
              className="preview-tab"
              aria-selected={i === index}
              aria-controls={`${baseId}-panel`}
              tabIndex={i === index ? 0 : -1}
              onClick={() => setSelected(i)}
            >
              {s.name}
            </button>
          ))}
        </div>
      )}
      {sheet.truncated && <p className="preview-note preview-note--warn">This sheet is large: only its first rows and columns are shown.</p>}
      <div id={`${baseId}-panel`} className="preview-table__scroll" role={sheets.length > 1 ? 'tabpanel' : 'region'} aria-label={`Sheet ${sheet.name}`} tabIndex={0}>
        {sheet.rows.length === 0 ? (
          <p className="preview-note">This sheet is empty.</p>
        ) : (
          <table className="preview-grid">
            <thead>
              <tr>
                <th className="preview-grid__corner" aria-label="Row" />
                {header!.map((cell, c) => (
                  <th key={c} scope="col">
                    {cell}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {body.map((row, r) => (
                <tr key={r}>
                  <th scope="row" className="preview-grid__row">
                    {r + 2}
                  </th>
                  {row.map((cell, c) => (
                    <td key={c} className={/^-?[\d,.]+%?$/.test(cell) ? 'preview-grid__number' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
