import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * The chat header's less frequent actions (replaced messages, export, shortcuts) behind one
 * "More" button, so the header fits beside the cost widget at any window width. Closes on a
 * choice, Escape or a click elsewhere.
 */
export function ChatMoreMenu({ children }: { children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement | null>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="chat-more" ref={root}>
      <button
        type="button"
        className="button button--small"
        aria-expanded={open}
        aria-controls={listId}
        title="Replaced messages, export, keyboard shortcuts"
        onClick={() => setOpen((v) => !v)}
      >
        More ▾
      </button>
      {open && (
        <div className="chat-more__list" id={listId} role="group" aria-label="More conversation actions">
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
