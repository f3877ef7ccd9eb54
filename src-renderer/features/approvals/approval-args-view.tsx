import { useState } from 'react';
import { formatArgValue } from './approval-text.js';

/** Longer values are folded to this many characters until the user expands them. */
const FOLD_CHARS = 240;

/**
 * Every argument of the proposed call, as a readable key/value list: nothing is hidden, long
 * values are folded behind "Show all" (the whole value is one click away, never cut off).
 */
export function ApprovalArgsView({ args, label }: { args: Record<string, unknown>; label: string }) {
  const entries = Object.entries(args);
  if (entries.length === 0) return <p className="approval-args-empty">No arguments.</p>;
  return (
    <dl className="approval-args" aria-label={label}>
      {entries.map(([key, value]) => (
        <ArgEntry key={key} name={key} value={value} />
      ))}
    </dl>
  );
}

function ArgEntry({ name, value }: { name: string; value: unknown }) {
  const [expanded, setExpanded] = useState(false);
  const text = formatArgValue(value);
  const long = text.length > FOLD_CHARS || text.split('\n').length > 6;
  const shown = long && !expanded ? `${text.slice(0, FOLD_CHARS).split('\n').slice(0, 6).join('\n')}…` : text;
  return (
    <div className="approval-arg">
      <dt>{name}</dt>
      <dd>
        <span className={typeof value === 'string' ? 'approval-arg-text' : 'approval-arg-json'}>{shown}</span>
        {long && (
          <button type="button" className="link-button approval-arg-toggle" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
            {expanded ? 'Show less' : `Show all (${text.length.toLocaleString('en-US')} characters)`}
          </button>
        )}
      </dd>
    </div>
  );
}
