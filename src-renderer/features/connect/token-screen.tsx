import { useId, useState, type FormEvent } from 'react';
import { AlertIcon, StewardMark } from '../../ui/icons.js';
import './connect.css';

/**
 * Shown in a browser when there is no server token (or the server refused it). The token comes
 * in the link `npm run serve` prints; we explain that rather than show a bare error.
 */
export function TokenScreen({ reason, onSubmit }: { reason: 'missing' | 'rejected'; onSubmit: (input: string) => string | null }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(onSubmit(value));
  };

  return (
    <main className="token-screen">
      <section className="token-card" aria-labelledby="token-title">
        <StewardMark size={44} />
        <h1 id="token-title">Connect to Steward</h1>
        {reason === 'rejected' && (
          <p className="token-alert" role="alert">
            <AlertIcon size={16} />
            <span>
              <strong>The token was not accepted.</strong> It may be from an earlier install or profile. Use the link from the most recent start.
            </span>
          </p>
        )}
        <p>This page talks to the Steward running on your computer. For your safety it needs the private link Steward prints when it starts.</p>
        <ol className="token-steps">
          <li>
            In a terminal, in the Steward folder, run <code>npm run serve</code>.
          </li>
          <li>
            Open the link it prints. It looks like <code>http://127.0.0.1:7420/chat/#token=…</code>
          </li>
        </ol>
        <form className="token-form" onSubmit={submit}>
          <label htmlFor={inputId}>Or paste the link or its token here</label>
          <div className="token-row">
            <input
              id={inputId}
              className="text-input"
              value={value}
              autoComplete="off"
              spellCheck={false}
              placeholder="http://127.0.0.1:7420/chat/#token=…"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(event) => {
                setValue(event.target.value);
                setError(null);
              }}
            />
            <button type="submit" className="button button--primary" disabled={value.trim() === ''}>
              Connect
            </button>
          </div>
          {error && (
            <p className="field-error" id={errorId} role="alert">
              {error}
            </p>
          )}
        </form>
        <p className="token-footnote">The token stays in this browser tab only and is never shown in the address bar.</p>
      </section>
    </main>
  );
}
