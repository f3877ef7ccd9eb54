import { useEffect, useMemo, useRef, useState } from 'react';
import { highlightCode } from './highlight.js';
import { copyText } from '../../../ui/copy-text.js';
import { CheckIcon, CopyIcon } from '../../../ui/icons.js';

type CopyState = 'idle' | 'copied' | 'failed';

/** A fenced code block: language label, Copy button, highlighted (escaped) code. */
export function CodeBlock({ code, language }: { code: string; language: string | null }) {
  const highlighted = useMemo(() => highlightCode(code, language), [code, language]);
  const [copy, setCopy] = useState<CopyState>('idle');
  const resetTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(resetTimer.current ?? undefined), []);

  const onCopy = async () => {
    const ok = await copyText(code);
    setCopy(ok ? 'copied' : 'failed');
    clearTimeout(resetTimer.current ?? undefined);
    resetTimer.current = setTimeout(() => setCopy('idle'), 2000);
  };

  const label = copy === 'copied' ? 'Copied' : copy === 'failed' ? 'Copy failed — select and press Ctrl+C' : 'Copy';
  return (
    <div className="code-block" role="group" aria-label={highlighted.language ? `${highlighted.language} code` : 'Code'}>
      <div className="code-block__header">
        <span className="code-block__lang">{highlighted.language ?? 'text'}</span>
        <button type="button" className={`code-copy code-copy--${copy}`} onClick={() => void onCopy()} aria-label={copy === 'idle' ? 'Copy code' : label}>
          {copy === 'copied' ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
          <span>{label}</span>
        </button>
      </div>
      <pre className="code-block__pre" tabIndex={0}>
        {highlighted.html !== null ? (
          // highlight.js escapes the code; this HTML holds only its own <span class="hljs-…"> markup.
          <code className={`hljs language-${language ?? 'text'}`} dangerouslySetInnerHTML={{ __html: highlighted.html }} />
        ) : (
          <code className="hljs">{code}</code>
        )}
      </pre>
    </div>
  );
}
