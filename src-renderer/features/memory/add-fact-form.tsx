import { useState, type FormEvent } from 'react';
import { Field } from '../../ui/form-controls.js';
import type { FieldErrors } from '../../state/dashboards/request-error.js';

/** The same limit the core checks (memory.add); said here so the box stops the user before sending. */
const MAX_FACT_CHARS = 500;

/**
 * "Add a fact" above the facts list: one sentence, read like "Remember that …" in the chat and kept
 * as the user's own statement. The core decides what is stored; a refusal shows under the box and
 * the text stays so it can be fixed.
 */
export function AddFactForm({ onAdd }: { onAdd(statement: string): Promise<FieldErrors | null> }) {
  const [statement, setStatement] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    const failed = await onAdd(statement);
    setSaving(false);
    setErrors(failed ?? {});
    if (!failed) setStatement('');
  };

  return (
    <form className="add-fact-form" aria-label="Add a fact" onSubmit={(e) => void submit(e)}>
      <Field label="Add a fact" error={errors.statement ?? errors['']} hint="One fact in your words, e.g. “Sarah Lee is our CFO” or “Our VAT number is GB123456789”.">
        {(p) => (
          <input
            {...p}
            className="text-input"
            value={statement}
            maxLength={MAX_FACT_CHARS + 100}
            onChange={(e) => setStatement(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={saving}>
        {saving ? 'Adding…' : 'Add fact'}
      </button>
    </form>
  );
}
