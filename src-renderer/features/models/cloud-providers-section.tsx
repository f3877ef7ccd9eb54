import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { CloudProviderView } from '../../../src-preload/contract.js';
import { useApi, useDashboards } from '../../app/dashboards-context.js';
import { DashSection, InlineError } from '../../ui/dashboard-page.js';
import { createCloudProvidersStore, type CloudProvidersStore } from '../../state/dashboards/cloud-providers-store.js';
import { AddProviderForm } from './cloud-provider-add-form.js';

/**
 * Models › Cloud providers: OpenAI-compatible servers side by side (OpenAI, OpenRouter, Ollama,
 * LM Studio, vLLM, llama.cpp server, any other), each with its key, Test connection listing its
 * models, on/off, and "Use" to make one of its models the cloud model the router sends work to.
 */
export function CloudProvidersSection() {
  const api = useApi();
  const { models, settings } = useDashboards();
  const store = useMemo(
    () =>
      createCloudProvidersStore(api, () => {
        void settings.getState().load();
        void models.getState().refreshLlm();
      }),
    [api, models, settings],
  );
  const s = useStore(store);
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  return (
    <DashSection title="Cloud providers">
      <p className="muted small">Optional. Nothing you type leaves this computer unless a provider is in use as the cloud model.</p>
      <InlineError message={s.loadError} onRetry={() => void store.getState().load()} />
      {s.providers.length > 0 && (
        <ul className="model-list" aria-label="Cloud providers">
          {s.providers.map((p) => (
            <ProviderRow key={p.id} store={store} provider={p} />
          ))}
        </ul>
      )}
      <AddProviderForm store={store} />
    </DashSection>
  );
}

function ProviderRow({ store, provider }: { store: CloudProvidersStore; provider: CloudProviderView }) {
  const test = useStore(store, (s) => s.tests[provider.id]);
  const error = useStore(store, (s) => s.errors[provider.id]);
  const [model, setModel] = useState<string>(provider.model ?? '');
  const [key, setKey] = useState('');
  const listed = test && test !== 'running' ? test.models : [];
  const choices = [...new Set([...(provider.model ? [provider.model] : []), ...listed])];
  return (
    <li className="model cloud-provider" aria-label={provider.name}>
      <div className="model-main">
        <p className="model-name">
          {provider.name}
          {provider.inUse && <span className="chip chip--accent">cloud model</span>}
          {!provider.enabled && <span className="chip">off</span>}
          {provider.keySet && <span className="chip chip--ok">key saved</span>}
        </p>
        <p className="muted small">
          {provider.baseUrl}
          {provider.model ? ` · ${provider.model}` : ''}
        </p>
        <div className="cloud-provider-controls">
          <label className="cloud-provider-enabled">
            <input type="checkbox" checked={provider.enabled} onChange={(e) => void store.getState().setEnabled(provider.id, e.target.checked)} /> On
          </label>
          <button type="button" className="button button--small" disabled={test === 'running'} onClick={() => void store.getState().test(provider.id)}>
            {test === 'running' ? 'Testing…' : 'Test connection'}
          </button>
          {choices.length > 0 && (
            <>
              <select className="input" aria-label={`Model of ${provider.name}`} value={model} onChange={(e) => setModel(e.target.value)}>
                <option value="">Choose a model…</option>
                {choices.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
              <button type="button" className="button button--small button--primary" disabled={!model || !provider.enabled} onClick={() => void store.getState().use(provider.id, model)}>
                Use as cloud model
              </button>
            </>
          )}
          <button type="button" className="link-button" onClick={() => void store.getState().remove(provider.id)}>
            Remove
          </button>
        </div>
        <form
          className="cloud-provider-key"
          onSubmit={(e) => {
            e.preventDefault();
            void store
              .getState()
              .setKey(provider.id, key)
              .then((ok) => ok && setKey(''));
          }}
        >
          <input className="input" type="password" autoComplete="off" aria-label={`API key of ${provider.name}`} placeholder={provider.keySet ? 'Key saved — paste a new one to replace it' : 'API key (if the server needs one)'} value={key} onChange={(e) => setKey(e.target.value)} />
          <button type="submit" className="button button--small" disabled={!key.trim()}>
            Save key
          </button>
        </form>
        {test && test !== 'running' && (
          <p className={test.ok ? 'small fit fit--ok' : 'small fit fit--no'} role="status">
            {test.message}
          </p>
        )}
        <InlineError message={error} />
      </div>
    </li>
  );
}
