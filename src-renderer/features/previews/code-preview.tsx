import { useMemo } from 'react';
import type { ArtifactPreview } from '../../../src-preload/schemas/artifacts.js';
import { codeLines } from './highlighted-lines.js';

type TextPreviewData = Extract<ArtifactPreview, { kind: 'text' }>;

/**
 * Text and code with line numbers, highlighted for known languages. The highlighted HTML comes
 * from highlight.js, which escapes the file's text, so only its own token spans are inserted.
 */
export function CodePreview({ preview }: { preview: TextPreviewData }) {
  const lines = useMemo(() => codeLines(preview.text, preview.language ?? null), [preview.text, preview.language]);
  const width = String(lines.plain.length).length;
  return (
    <div className="preview-code">
      <div className="preview-code__bar">
        <span className="preview-code__lang">{lines.language ?? 'text'}</span>
        <span className="muted small">
          {lines.plain.length.toLocaleString()} line{lines.plain.length === 1 ? '' : 's'}
        </span>
      </div>
      {preview.truncated && <p className="preview-note preview-note--warn">This file is long: only its beginning is shown.</p>}
      <div className="preview-code__scroll" tabIndex={0} role="region" aria-label={`Contents of ${preview.path}`} data-highlighted={lines.html ? 'true' : 'false'}>
        <pre className="preview-code__pre" style={{ ['--gutter' as string]: `${width + 1}ch` }}>
          {lines.plain.map((plain, i) => (
            <div key={i} className="preview-code__line">
              <span className="preview-code__number" aria-hidden="true">
                {i + 1}
              </span>
              {lines.html ? <code dangerouslySetInnerHTML={{ __html: lines.html[i] || ' ' }} /> : <code>{plain || ' '}</code>}
            </div>
          ))}
        </pre>
      </div>
    </div>
  );
}
