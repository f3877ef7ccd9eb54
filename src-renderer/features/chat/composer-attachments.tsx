import { useRef } from 'react';
import { formatBytes } from '../../ui/format-bytes.js';
import { CloseIcon } from '../../ui/icons.js';
import { readPickedFiles, thumbnailOf, type PickedFile } from './attachments.js';

/** What the file picker offers: the documents Steward reads, and images (for a model that reads images; refused with the reason otherwise). */
const ACCEPT = '.pdf,.docx,.xlsx,.txt,.md,.csv,.png,.jpg,.jpeg,.webp,.gif';

/** The "Attach files" button and its hidden file input. */
export function AttachButton({ onPicked }: { onPicked: (files: PickedFile[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button button--small attach-button" aria-label="Attach files" title="Attach files (PDF, Word, Excel, text, Markdown, CSV) or images (PNG, JPEG, WebP, GIF) — or drop them here" onClick={() => input.current?.click()}>
        Attach
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-testid="attach-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length) void readPickedFiles(files).then(onPicked);
        }}
      />
    </>
  );
}

/** The files waiting to be sent with the message, each removable. */
export function AttachedFiles({ files, onRemove }: { files: PickedFile[]; onRemove: (id: string) => void }) {
  if (files.length === 0) return null;
  return (
    <ul className="attached-files" aria-label="Files to send">
      {files.map((f) => (
        <li key={f.id} className="attached-file">
          {thumbnailOf(f) && <img className="attached-thumb" src={thumbnailOf(f)!} alt={`Thumbnail of ${f.name}`} />}
          <span className="attached-file-name">{f.name}</span>
          <span className="attached-file-size">{formatBytes(f.size)}</span>
          <button type="button" className="icon-button" aria-label={`Remove ${f.name}`} onClick={() => onRemove(f.id)}>
            <CloseIcon size={12} />
          </button>
        </li>
      ))}
    </ul>
  );
}
