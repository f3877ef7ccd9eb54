import { useEffect, useState, type FormEvent } from 'react';
import type { ConversationSettings, SamplingPresetId } from '../../../src-preload/contract.js';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';
import { Field } from '../../ui/form-controls.js';
import { useModalDialog } from '../../ui/use-modal-dialog.js';
import { PRESET_CHOICES, presetOf } from './sampling-presets.js';

interface Draft {
  persona: string;
  preset: ConversationSettings['preset'];
  temperature: string;
  topP: string;
  maxTokens: string;
}

const toDraft = (s: ConversationSettings): Draft => ({ persona: s.persona, preset: s.preset, temperature: String(s.temperature), topP: String(s.topP), maxTokens: s.maxTokens === null ? '' : String(s.maxTokens) });

/** Text typed into a number field: a number when it reads as one, else the text (the core then says what is wrong with it). */
const asNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * A conversation's own persona and sampling: a preset (Precise, Balanced, Creative) or the numbers
 * by hand. Saved with the conversation; the next reply uses them.
 */
// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function ConversationSettingsDialog({ conversationId, open, onClose }: { conversationId: string; open: boolean; onClose: () => void }) {
  const api = useApi();
  const modal = useModalDialog(open, onClose);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  // Mounted only while open, so each opening starts from the saved settings.
  useEffect(() => {
    if (!open) return;
    api.call('conversations.settings.get', { id: conversationId }).then((s) => setDraft(toDraft(s)), (err: unknown) => setError(ApiError.from(err)));
  }, [api, conversationId, open]);

  const choosePreset = (preset: SamplingPresetId | 'custom') => {
    if (!draft) return;
    const values = presetOf(preset);
    setDraft({ ...draft, preset, ...(values && { temperature: String(values.temperature), topP: String(values.topP) }) });
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!draft || saving) return;
    setSaving(true);
    setError(null);
    const patch = {
      persona: draft.persona,
      preset: draft.preset,
      temperature: asNumber(draft.temperature),
      topP: asNumber(draft.topP),
      maxTokens: draft.maxTokens.trim() === '' ? null : asNumber(draft.maxTokens),
    };
    api.call('conversations.settings.update', { id: conversationId, patch }).then(
      () => {
        setSaving(false);
        onClose();
      },
      (err: unknown) => {
        setSaving(false);
        setError(ApiError.from(err));
      },
    );
  };

  const issue = (field: string) => error?.issues.find((i) => i.path === `patch.${field}`)?.message ?? null;
  const general = error && !error.issues.some((i) => i.path.startsWith('patch.')) ? error.message : null;
  return (
    <dialog {...modal} className="dialog conversation-settings" aria-labelledby="conversation-settings-title">
      <h2 id="conversation-settings-title" className="dialog-title">
        Conversation settings
      </h2>
      {!draft && !error && <p>Loading…</p>}
      {general && (
        <p className="form-error" role="alert">
          {general}
        </p>
      )}
      {draft && (
        <form onSubmit={save} aria-label="Conversation settings">
          <Field label="Persona" error={issue('persona')} hint="Your instructions for this conversation, e.g. “You are a concise copy editor. Answer in British English.”">
            {(p) => <textarea {...p} className="text-input persona-input" rows={4} value={draft.persona} onChange={(e) => setDraft({ ...draft, persona: e.target.value })} />}
          </Field>
          <fieldset className="preset-choices">
            <legend className="field-label">Style</legend>
            {PRESET_CHOICES.map((choice) => (
              <label key={choice.id} className="preset-choice">
                <input type="radio" name="preset" value={choice.id} checked={draft.preset === choice.id} onChange={() => choosePreset(choice.id)} />
                <span>
                  <strong>{choice.label}</strong> <span className="preset-hint">{choice.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="sampling-fields">
            <Field label="Temperature" error={issue('temperature')} hint="0 to 2">
              {(p) => <input {...p} className="text-input" inputMode="decimal" value={draft.temperature} onChange={(e) => setDraft({ ...draft, preset: 'custom', temperature: e.target.value })} />}
            </Field>
            <Field label="Top-p" error={issue('topP')} hint="above 0, up to 1">
              {(p) => <input {...p} className="text-input" inputMode="decimal" value={draft.topP} onChange={(e) => setDraft({ ...draft, preset: 'custom', topP: e.target.value })} />}
            </Field>
            <Field label="Max tokens" error={issue('maxTokens')} hint="empty: as long as needed (up to 1,024)">
              {(p) => <input {...p} className="text-input" inputMode="numeric" value={draft.maxTokens} onChange={(e) => setDraft({ ...draft, maxTokens: e.target.value })} />}
            </Field>
          </div>
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={saving}>
              Save
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
