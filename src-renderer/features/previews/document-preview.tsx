import type { ArtifactPreview } from '../../../src-preload/schemas/artifacts.js';

type DocumentPreviewData = Extract<ArtifactPreview, { kind: 'html' }>;

/**
 * A Word document as the core rendered it. The HTML was reduced in the main process to a small
 * tag allowlist (src-main/core/artifacts/html-allowlist.ts: no scripts, styles, event handlers,
 * images or non-http links), so inserting it cannot run anything; React never sees the raw .docx.
 * The page CSP (script-src 'self') is the second line of defence.
 */
export function DocumentPreview({ preview }: { preview: DocumentPreviewData }) {
  if (preview.html.trim() === '') return <p className="preview-note">This document has no text.</p>;
  return <article className="preview-document" dangerouslySetInnerHTML={{ __html: preview.html }} />;
}
