import { useEffect, useState } from 'react';
import type { ModelChoice, ModelOption } from '../../../src-preload/contract.js';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';
import { PlaceLinkText } from './place-link-text.js';

const GROUPS: ReadonlyArray<{ kind: ModelOption['kind']; label: string | null }> = [
  { kind: 'auto', label: null },
  { kind: 'local', label: 'On this computer' },
  { kind: 'cloud', label: 'Cloud' },
];

function optionText(o: ModelOption): string {
  const sees = o.capabilities?.vision ? ' · reads images' : '';
  return o.available ? `${o.label}${sees}` : `${o.label} — not set up`;
}

/** The cloud provider a stored choice names that is no longer configured ('cloud:<id>' with no option), or null. */
function removedProvider(value: ModelChoice | null, options: ModelOption[]): string | null {
  if (value === null || !value.startsWith('cloud:') || options.length === 0 || options.some((o) => o.id === value)) return null;
  return value.slice('cloud:'.length);
}

/**
 * Which model answers this conversation: Steward's choice, any installed local model (another one
 * than the loaded model is loaded in its place — one chat model at a time), the cloud model in use,
 * or any configured cloud provider by name. Saved with the conversation once it is ready; a model
 * that fails to load leaves the previous choice with the error beside the menu. Models that are not
 * set up are listed but cannot be picked, with what is missing (hover). A provider removed since it
 * was chosen stays shown as removed, with the note that Steward picks until another is chosen.
 */
export function ModelSwitcher({ conversationId }: { conversationId: string }) {
  const api = useApi();
  const [options, setOptions] = useState<ModelOption[]>([]);
  const [value, setValue] = useState<ModelChoice | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
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
    const option = options.find((o) => o.id === model);
    setValue(model);
    setError(null);
    // Another local model loads first (it can take a while): say so until it is ready.
    setLoading(option?.kind === 'local' && model !== 'local' ? (option.modelId ?? option.label) : null);
    api
      .call('chat.useModel', { conversationId, model })
      .catch((err: unknown) => {
        setValue(previous);
        setError(ApiError.from(err).message);
      })
      .finally(() => setLoading(null));
  };

  if (value === null && !error) return null;
  const removed = removedProvider(value, options);
  return (
    <span className="model-switcher">
      {value !== null && (
        <select aria-label="Model for this conversation" className="text-input model-select" value={value} disabled={loading !== null} onChange={(e) => choose(e.target.value as ModelChoice)}>
          {removed !== null && (
            <option value={value ?? ''} disabled>
              {`${removed} (removed) — Steward picks`}
            </option>
          )}
          {GROUPS.map((group) => {
            const inGroup = options.filter((o) => (o.kind ?? 'auto') === group.kind);
            const items = inGroup.map((o) => (
              <option key={o.id} value={o.id} disabled={!o.available && o.id !== value} title={o.reason ?? undefined}>
                {optionText(o)}
              </option>
            ));
            return group.label && items.length > 0 ? (
              <optgroup key={group.kind} label={group.label}>
                {items}
              </optgroup>
            ) : (
              items
            );
          })}
        </select>
      )}
      {removed !== null && (
        <span className="model-switcher-callout" role="note">
          <PlaceLinkText text={`The cloud provider “${removed}” was removed under Models › Cloud providers, so Steward picks the model until you choose another.`} />
        </span>
      )}
      {loading && (
        <span className="muted small" role="status">
          {`Loading ${loading}…`}
        </span>
      )}
      {error && (
        <span className="message-action-error model-switcher-callout" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
