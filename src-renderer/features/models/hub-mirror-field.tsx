import { useState } from 'react';
import { useStore } from 'zustand';
import { useDashboards } from '../../app/dashboards-context.js';
import { Field } from '../../ui/form-controls.js';

/**
 * Models › Hugging Face › Mirror: where the search and downloads go (llm.huggingFaceEndpoint),
 * for a mirror of the Hub's API such as hf-mirror.com. Empty means huggingface.co. A bad URL is
 * refused by the settings schema, named under the field, and nothing is saved.
 */
export function HubMirrorField() {
  const settings = useDashboards().settings;
  const saved = useStore(settings, (s) => s.settings?.llm.huggingFaceEndpoint ?? null);
  const error = useStore(settings, (s) => Object.entries(s.fieldErrors).find(([path]) => path.endsWith('huggingFaceEndpoint'))?.[1] ?? null);
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? saved ?? '';
  const changed = value.trim() !== (saved ?? '');
  return (
    <form
      className="hub-mirror"
      onSubmit={(e) => {
        e.preventDefault();
        void settings
          .getState()
          .update({ llm: { huggingFaceEndpoint: value.trim() === '' ? null : value.trim() } })
          .then((ok) => {
            if (ok) setDraft(null);
          });
      }}
    >
      <Field label="Mirror" error={error} hint="Leave empty for huggingface.co. A mirror must serve the Hugging Face API (for example https://hf-mirror.com).">
        {(props) => (
          <input
            {...props}
            className="input"
            type="url"
            placeholder="https://huggingface.co"
            value={value}
            onChange={(e) => {
              setDraft(e.target.value);
              settings.getState().clearFieldError('llm.huggingFaceEndpoint');
            }}
          />
        )}
      </Field>
      <button type="submit" className="button button--small" disabled={!changed}>
        Save mirror
      </button>
    </form>
  );
}
