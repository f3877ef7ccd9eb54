import { useState } from 'react';
import { copyText } from '../../ui/copy-text.js';

/** Copies a whole message (its Markdown as written) and says whether it worked. */
export function CopyMessageButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="message-action"
      aria-label="Copy message"
      title={state === 'failed' ? 'Could not copy; select the text and copy it by hand' : 'Copy message'}
      onClick={() => {
        void copyText(text).then((ok) => {
          setState(ok ? 'copied' : 'failed');
          setTimeout(() => setState('idle'), 2000);
        });
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}
