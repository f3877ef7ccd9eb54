import { useEffect, useState } from 'react';
import { useApi } from '../../app/dashboards-context.js';
import { ConfirmDialog } from '../../ui/form-controls.js';
import { ApiError } from '../../api/api-error.js';
import { copyText } from '../../ui/copy-text.js';
import './models.css';

/** sk-steward-AbCd…wxyz: enough to tell keys apart, not enough to use one. */
export function maskKey(key: string): string {
  return key.length <= 16 ? '•'.repeat(key.length) : `${key.slice(0, 13)}${'•'.repeat(8)}${key.slice(-4)}`;
}

/** A request another program can send as it is: the URL and the key are this install's own. */
export function curlExample(url: string, key: string, model: string): string {
  return [
    `curl ${url}/chat/completions \\`,
    `  -H "Authorization: Bearer ${key}" \\`,
    '  -H "Content-Type: application/json" \\',
    `  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello"}]}'`,
  ].join('\n');
}

/**
 * The local API's key where the API is switched on: masked, shown on request, copied, or
 * replaced (the old key stops working at once), with a copy-paste example using it.
 */
export function LocalApiKeyPanel({ url, model }: { url: string; model: string | null }) {
  const api = useApi();
  const [key, setKey] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .call('llm.localApiKey', {})
      .then((r) => live && setKey(r.key))
      .catch((err: unknown) => live && setError(ApiError.from(err).message));
    return () => {
      live = false;
    };
  }, [api]);

  const copy = async (text: string, what: string) => setNote((await copyText(text)) ? `${what} copied.` : `Could not copy; select the ${what.toLowerCase()} and copy it by hand.`);
  const example = key ? curlExample(url, key, model ?? 'local-model') : '';

  return (
    <div className="local-api-key" data-testid="local-api-key">
      <p className="small">
        API key: <code data-testid="local-api-key-value">{key ? (shown ? key : maskKey(key)) : '…'}</code>
      </p>
      <div className="row-actions row-actions--start">
        <button type="button" className="button button--small" disabled={!key} onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
        </button>
        <button type="button" className="button button--small" disabled={!key} onClick={() => key && void copy(key, 'Key')}>
          Copy key
        </button>
        <button type="button" className="button button--small" disabled={!key} onClick={() => void copy(example, 'Example')}>
          Copy example
        </button>
        <button type="button" className="button button--small button--ghost-danger" disabled={!key} onClick={() => setConfirming(true)}>
          Regenerate
        </button>
      </div>
      <p className="muted small">Use it from any OpenAI client with the base URL above and this key, for example:</p>
      <pre className="code-sample" data-testid="local-api-example">{key ? (shown ? example : example.replace(key, maskKey(key))) : ''}</pre>
      {note && (
        <p className="muted small" role="status">
          {note}
        </p>
      )}
      {error && <p className="field-error-text">{error}</p>}
      <ConfirmDialog
        open={confirming}
        title="Make a new API key?"
        body={<p>Programs using the current key stop working until you give them the new one.</p>}
        confirmLabel="Regenerate"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          api
            .call('llm.regenerateLocalApiKey', {})
            .then((r) => {
              setKey(r.key);
              setNote('A new key is in use; the old one no longer works.');
            })
            .catch((err: unknown) => setError(ApiError.from(err).message));
        }}
      />
    </div>
  );
}
