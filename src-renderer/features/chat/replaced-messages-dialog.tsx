import { useEffect, useState } from 'react';
import type { ReplacedMessage } from '../../../src-preload/contract.js';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';
import { formatFull } from '../../ui/format-time.js';
import { useModalDialog } from '../../ui/use-modal-dialog.js';
import { CopyMessageButton } from './copy-message-button.js';

/**
 * "Replaced messages": what a Regenerate or an Edit moved out of the thread, oldest first. Kept by
 * the core and listed here, so an answer replaced by mistake can still be read and copied.
 */
export function ReplacedMessagesDialog({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const api = useApi();
  const modal = useModalDialog(true, onClose);
  const [list, setList] = useState<ReplacedMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Mounted only while open: each opening lists what is kept now.
  useEffect(() => {
    api.call('messages.replaced', { conversationId }).then(setList, (err: unknown) => setError(ApiError.from(err).message));
  }, [api, conversationId]);

  return (
    <dialog {...modal} className="dialog replaced-messages" aria-labelledby="replaced-title">
      <h2 id="replaced-title" className="dialog-title">
        Replaced messages
      </h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {list && list.length === 0 && <p>Nothing has been replaced in this conversation. Messages that Regenerate or Edit replace are kept here.</p>}
      {list && list.length > 0 && (
        <ol className="replaced-list">
          {list.map((m) => (
            <li key={m.id} className="replaced-item" aria-label={`${m.role === 'user' ? 'You' : 'Steward'}, replaced by ${m.reason === 'edit' ? 'an edit' : 'a regenerate'}`}>
              <p className="replaced-meta">
                {m.role === 'user' ? 'You' : 'Steward'} · {formatFull(m.createdAt)} · replaced by {m.reason === 'edit' ? 'an edit' : 'a regenerate'}
              </p>
              <p className="replaced-text">{m.text}</p>
              <CopyMessageButton text={m.text} />
            </li>
          ))}
        </ol>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
