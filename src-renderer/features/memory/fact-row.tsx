import { useState, type FormEvent } from 'react';
import type { FactCategory, MemoryFact } from '../../../src-preload/contract.js';
import { Field } from '../../ui/form-controls.js';
import type { FieldErrors } from '../../state/dashboards/request-error.js';
import { CATEGORIES, CATEGORY_LABELS } from './category-labels.js';

interface FactRowProps {
  fact: MemoryFact;
  onSave(patch: { id: string; predicate?: string; object?: string; category?: FactCategory; validFrom?: string | null; validTo?: string | null }): Promise<FieldErrors | null>;
  onDelete(): void;
  onHistory(): void;
}

/** One fact: "Bob Jones · email · bob@acme.com", with inline edit, history and delete. */
// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function FactRow({ fact, onSave, onDelete, onHistory }: FactRowProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ predicate: fact.predicate, object: fact.object, category: fact.category, validFrom: fact.validFrom ?? '', validTo: fact.validTo ?? '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const startEdit = () => {
    setDraft({ predicate: fact.predicate, object: fact.object, category: fact.category, validFrom: fact.validFrom ?? '', validTo: fact.validTo ?? '' });
    setErrors({});
    setEditing(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const result = await onSave({
      id: fact.id,
      ...(draft.predicate !== fact.predicate && { predicate: draft.predicate }),
      ...(draft.object !== fact.object && { object: draft.object }),
      ...(draft.category !== fact.category && { category: draft.category }),
      ...(draft.validFrom !== (fact.validFrom ?? '') && { validFrom: draft.validFrom.trim() || null }),
      ...(draft.validTo !== (fact.validTo ?? '') && { validTo: draft.validTo.trim() || null }),
    });
    setSaving(false);
    if (result) setErrors(result);
    else setEditing(false);
  };

  if (editing) {
    return (
      <li className="fact fact--editing">
        <form className="fact-form" onSubmit={(e) => void submit(e)} aria-label={`Edit fact about ${fact.subject}`}>
          <p className="fact-subject">{fact.subject}</p>
          <div className="form-grid">
            <Field label="Property" error={errors.predicate}>
              {(p) => <input {...p} className="text-input" value={draft.predicate} onChange={(e) => setDraft({ ...draft, predicate: e.target.value })} />}
            </Field>
            <Field label="Value" error={errors.object}>
              {(p) => <input {...p} className="text-input" value={draft.object} onChange={(e) => setDraft({ ...draft, object: e.target.value })} />}
            </Field>
            <Field label="Category" error={errors.category}>
              {(p) => (
                <select {...p} className="text-input" value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value as FactCategory })}>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {CATEGORY_LABELS[c]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Valid from" error={errors.validFrom} hint="e.g. 2023 or 2023-04-01">
              {(p) => <input {...p} className="text-input" value={draft.validFrom} onChange={(e) => setDraft({ ...draft, validFrom: e.target.value })} />}
            </Field>
            <Field label="Valid to" error={errors.validTo}>
              {(p) => <input {...p} className="text-input" value={draft.validTo} onChange={(e) => setDraft({ ...draft, validTo: e.target.value })} />}
            </Field>
          </div>
          {errors[''] && (
            <p className="field-error-text" role="alert">
              {errors['']}
            </p>
          )}
          <div className="row-actions">
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className="fact">
      <div className="fact-main">
        <p className="fact-line">
          <span className="fact-subject">{fact.subject}</span>
          <span className="fact-predicate">{fact.predicate.replace(/_/g, ' ')}</span>
          <span className="fact-object">{fact.object}</span>
        </p>
        <p className="fact-meta">
          <span className={`chip chip--${fact.category}`}>{CATEGORY_LABELS[fact.category]}</span>
          {fact.validFrom && <span>since {fact.validFrom}</span>}
          {fact.validTo && <span>until {fact.validTo}</span>}
          <span>{Math.round(fact.confidence * 100)}% sure</span>
          <span>{fact.origin ? `read in ${fact.origin}` : fact.source === 'user' ? 'you told me' : fact.source === 'import' ? 'imported' : 'learned'}</span>
          {fact.status === 'pending' && fact.origin && <span className="chip">waiting for your confirmation</span>}
          {fact.useCount > 0 && <span>used {fact.useCount}×</span>}
        </p>
      </div>
      <div className="row-actions">
        <button type="button" className="button button--small" onClick={startEdit} aria-label={`Edit ${fact.subject} ${fact.predicate}`}>
          Edit
        </button>
        <button type="button" className="button button--small" onClick={onHistory} aria-label={`History of ${fact.subject} ${fact.predicate}`}>
          History
        </button>
        <button type="button" className="button button--small button--ghost-danger" onClick={onDelete} aria-label={`Delete ${fact.subject} ${fact.predicate}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
