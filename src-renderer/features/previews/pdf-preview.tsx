import type { ArtifactPreview } from '../../../src-preload/schemas/artifacts.js';

type PdfPreviewData = Extract<ArtifactPreview, { kind: 'pdf' }>;

/** A PDF as the text of each page, page by page (what the core could read of it). */
export function PdfPreview({ preview }: { preview: PdfPreviewData }) {
  const { pages } = preview;
  if (pages.length === 0 || pages.every((page) => page.trim() === '')) {
    return <p className="preview-note">No readable text was found in this PDF. Open it from the workspace folder to see it.</p>;
  }
  return (
    <ol className="preview-pdf" aria-label="Pages">
      {pages.map((page, i) => (
        <li key={i} className="preview-pdf__page">
          <span className="preview-pdf__label">
            Page {i + 1} of {pages.length}
          </span>
          <div className="preview-pdf__text">{page.trim() === '' ? <span className="muted">(no text on this page)</span> : page}</div>
        </li>
      ))}
    </ol>
  );
}
