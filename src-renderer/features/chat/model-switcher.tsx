import { useEffect, useState } from 'react';
import type { ModelChoice, ModelOption } from '../../../src-preload/contract.js';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';

/**
 * Which model answers this conversation: Steward's choice, the local model or the cloud model.
 * Saved with the conversation; the next message uses it. Models that are not set up are listed
 * but cannot be picked, with what is missing.
 */
export function ModelSwitcher({ conversationId }: { conversationId: string }) {
  const api = useApi();
  const [options, setOptions] = useState<ModelOption[]>([]);
  const [value, setValue] = useState<ModelChoice | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // Mounted per conversation (keyed by its id), so the state starts empty for each one.
    let live = true;
    Promise.all([api.call('chat.models', {}), api.call('conversations.settings.get', { id: conversationId })]).then(
      ([list, settings]) => {
        if (!live) return;
        setOptions(list);
        setValue(settings.model);
      },
      (err: unknown) => live && setError(ApiError.from(err).message),
    );
    return () => {
      live = false;
    };
  }, [api, conversationId]);

  const choose = (model: ModelChoice) => {
    const previous = value;
    setValue(model);
    setError(null);
    api.call('conversations.settings.update', { id: conversationId, patch: { model } }).catch((err: unknown) => {
      setValue(previous);
      setError(ApiError.from(err).message);
    });
  };

  if (value === null && !error) return null;
  return (
    <span className="model-switcher">
      {value !== null && (
        <select aria-label="Model for this conversation" className="text-input model-select" value={value} onChange={(e) => choose(e.target.value as ModelChoice)}>
          {options.map((o) => (
            <option key={o.id} value={o.id} disabled={!o.available && o.id !== value} title={o.reason ?? undefined}>
              {o.available ? o.label : `${o.label} — not set up`}
            </option>
          ))}
        </select>
      )}
      {error && (
        <span className="message-action-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
