import { useState, type Dispatch, type SetStateAction } from 'react';

/**
 * A form draft that starts from server state and is refreshed whenever that state changes (after
 * a save, or an edit elsewhere), but otherwise belongs to the user. The refresh happens during
 * render — React's "adjust state when a prop changes" pattern — so the form never paints the
 * stale values for a frame, as it would with an effect.
 */
export function useSyncedDraft<S, D>(source: S | null | undefined, toDraft: (source: S) => D, empty: D): [D, Dispatch<SetStateAction<D>>] {
  const [draft, setDraft] = useState<D>(() => (source ? toDraft(source) : empty));
  const [seen, setSeen] = useState(source);
  if (source !== seen) {
    setSeen(source);
    if (source) setDraft(toDraft(source));
  }
  return [draft, setDraft];
}
