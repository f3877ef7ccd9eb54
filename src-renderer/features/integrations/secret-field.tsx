import { useState } from 'react';
import { Field } from '../../ui/form-controls.js';
import { maskedSecret } from '../../state/dashboards/integrations-store.js';
import './integrations.css';

/**
 * A secret that is write-only from here: shows "•••• set" / "not set", takes a new value, and can
 * remove it. The stored value is never fetched, so it can never be shown.
 */
export function SecretField({
  label,
  isSet,
  error,
  onSave,
  onRemove,
}: {
  label: string;
  isSet: boolean | undefined;
  error: string | undefined;
  onSave: (value: string) => Promise<boolean>;
  onRemove: () => Promise<boolean>;
}) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<boolean>) => {
    setBusy(true);
    const ok = await action();
    setBusy(false);
    if (ok) setValue('');
  };
  return (
    <div className="secret">
      <p className="secret-status">
        {label}: <span className={isSet ? 'secret-mask secret-mask--set' : 'secret-mask'} data-testid={`secret-${label}`}>{maskedSecret(isSet)}</span>
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (value) void run(() => onSave(value));
        }}
      >
        <Field label={isSet ? `Replace ${label.toLowerCase()}` : label} error={error} className="grow">
          {(p) => <input {...p} className="text-input" type="password" autoComplete="off" spellCheck={false} placeholder={isSet ? 'Paste a new one' : 'Paste it here'} value={value} onChange={(e) => setValue(e.target.value)} />}
        </Field>
        <button type="submit" className="button button--primary" disabled={!value || busy}>
          Save to keychain
        </button>
        {isSet && (
          <button type="button" className="button button--ghost-danger" disabled={busy} onClick={() => void run(onRemove)}>
            Remove
          </button>
        )}
      </form>
    </div>
  );
}
