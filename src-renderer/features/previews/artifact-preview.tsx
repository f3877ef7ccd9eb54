import type { ArtifactPreview as ArtifactPreviewData } from '../../../src-preload/schemas/artifacts.js';
import { useApi } from '../../app/dashboards-context.js';
import { InlineError, LoadingLine } from '../../ui/dashboard-page.js';
import { CodePreview } from './code-preview.js';
import { DocumentPreview } from './document-preview.js';
import { ImagePreview } from './image-preview.js';
import { PdfPreview } from './pdf-preview.js';
import { TablePreview } from './table-preview.js';
import { useApiResult } from './use-api-result.js';
import './previews.css';

/**
 * A readable preview of one workspace file (relative to the task's folder when `taskId` is given):
 * images, Word documents, workbooks, PDFs, text and code. Loading, failure (with Retry) included.
 */
export function ArtifactPreview({ path, taskId }: { path: string; taskId?: string | null }) {
  const api = useApi();
  const { result, retry } = useApiResult(`${taskId ?? ''}\u0000${path}`, () => api.call('artifacts.preview', taskId ? { path, taskId } : { path }));
  if (result.state === 'loading') return <LoadingLine>Loading the preview…</LoadingLine>;
  if (result.state === 'error') {
    return <InlineError message={result.message} onRetry={retry} />;
  }
  return <PreviewBody preview={result.value} />;
}

export function PreviewBody({ preview }: { preview: ArtifactPreviewData }) {
  switch (preview.kind) {
    case 'image':
      return <ImagePreview preview={preview} />;
    case 'html':
      return <DocumentPreview preview={preview} />;
    case 'table':
      return <TablePreview preview={preview} />;
    case 'text':
      return <CodePreview preview={preview} />;
    case 'pdf':
      return <PdfPreview preview={preview} />;
  }
}
