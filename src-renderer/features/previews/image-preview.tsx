import type { ArtifactPreview } from '../../../src-preload/schemas/artifacts.js';

type ImagePreviewData = Extract<ArtifactPreview, { kind: 'image' }>;

/** A picture (a website screenshot, a chart) from its data URL; the CSP allows data: images only. */
export function ImagePreview({ preview }: { preview: ImagePreviewData }) {
  // Only the core's own data URL is ever used as a source: never a remote address.
  if (!preview.dataUrl.startsWith('data:image/')) return <p className="preview-note">This image cannot be shown.</p>;
  return (
    <figure className="preview-image">
      <img src={preview.dataUrl} alt={`Preview of ${preview.path}`} />
    </figure>
  );
}
