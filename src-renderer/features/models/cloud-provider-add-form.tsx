import { useState } from 'react';
import { useStore } from 'zustand';
import type { CloudPresetId } from '../../../src-preload/contract.js';
import { InlineError } from '../../ui/dashboard-page.js';
import type { CloudProvidersStore } from '../../state/dashboards/cloud-providers-store.js';

/** Add a provider from a preset (its documented address filled in) or any OpenAI-compatible server. */
export function AddProviderForm({ store }: { store: CloudProvidersStore }) {
  const presets = useStore(store, (s) => s.presets);
  const addError = useStore(store, (s) => s.addError);
  const [preset, setPreset] = useState<CloudPresetId>('ollama');
  const chosen = presets.find((p) => p.id === preset);
  const [name, setName] = useState<string | null>(null);
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  const [apiKey, setApiKey] = useState('');
  const shownName = name ?? chosen?.name ?? '';
  const shownUrl = baseUrl ?? chosen?.baseUrl ?? '';
  return (
    <form
      className="cloud-provider-add"
      aria-label="Add a cloud provider"
      onSubmit={(e) => {
        e.preventDefault();
        void store
          .getState()
          .add({ preset, name: shownName, baseUrl: shownUrl, apiKey })
          .then((ok) => {
            if (!ok) return;
            setName(null);
            setBaseUrl(null);
            setApiKey('');
          });
      }}
    >
      <p className="model-name">Add a provider</p>
      <label className="field-label" htmlFor="cloud-provider-preset">
        Preset
      </label>
      <select
        id="cloud-provider-preset"
        className="input"
        value={preset}
        onChange={(e) => {
          setPreset(e.target.value as CloudPresetId);
          setName(null);
          setBaseUrl(null);
        }}
      >
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {chosen && <p className="muted small">{chosen.hint}</p>}
      <label className="field-label" htmlFor="cloud-provider-name">
        Name
      </label>
      <input id="cloud-provider-name" className="input" value={shownName} onChange={(e) => setName(e.target.value)} />
      <label className="field-label" htmlFor="cloud-provider-url">
        Base URL
      </label>
      <input id="cloud-provider-url" className="input" type="url" value={shownUrl} onChange={(e) => setBaseUrl(e.target.value)} />
      <label className="field-label" htmlFor="cloud-provider-key">
        API key{chosen && !chosen.needsKey ? ' (usually none)' : ''}
      </label>
      <input id="cloud-provider-key" className="input" type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
      <InlineError message={addError} />
      <button type="submit" className="button button--primary">
        Add provider
      </button>
    </form>
  );
}
