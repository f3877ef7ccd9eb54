import { useStore } from 'zustand';
import { connectionNotice } from '../state/connection-store.js';
import { useStores } from '../app/stores-context.js';
import './connection-banner.css';

/** Shown while the event stream is down; the composer (and its draft) stays as it is. */
export function ConnectionBanner() {
  const notice = useStore(useStores().connection, connectionNotice);
  if (!notice) return null;
  return (
    <div className="connection-banner" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>
        <strong>{notice}</strong> Your draft is safe — new messages will appear as soon as Steward is back.
      </span>
    </div>
  );
}
