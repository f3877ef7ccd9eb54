import { useState, type ReactNode } from 'react';
import { PassageDialog } from './passage-dialog.js';

/** A citation in a reply: opens the cited passage in a preview over the chat. */
export function CitationLink({ passageId, children }: { passageId: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <a
        className="citation-link"
        href={`#/knowledge?passage=${passageId}`}
        onClick={(event) => {
          // Stay in the conversation: the passage opens over it.
          event.preventDefault();
          setOpen(true);
        }}
      >
        {children}
      </a>
      {open && <PassageDialog passageId={passageId} onClose={() => setOpen(false)} />}
    </>
  );
}
