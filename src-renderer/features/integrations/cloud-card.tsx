import { useSyncedDraft } from '../../ui/use-synced-draft.js';
import { useStore } from 'zustand';
import { DashSection } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { Field, Toggle } from '../../ui/form-controls.js';
import { SecretField } from './secret-field.js';
import { TestResult } from './test-result.js';

/** The optional cloud model: OpenAI-compatible endpoint, model name, timeout and the API key. */
export function CloudCard() {
  const { settings, integrations } = useDashboards();
  const cloud = useStore(settings, (s) => s.settings?.llm.cloud);
  const errors = useStore(settings, (s) => s.fieldErrors);
  const status = useStore(integrations, (s) => s.status);
  const keyError = useStore(integrations, (s) => s.secretErrors.cloud?.apiKey);
  const test = useStore(integrations, (s) => s.tests.cloud);
  const [draft, setDraft] = useSyncedDraft(cloud, (c) => ({ baseUrl: c.baseUrl, model: c.model, timeoutSeconds: String(c.timeoutSeconds) }), {
    baseUrl: '',
    model: '',
    timeoutSeconds: '',
  });
  if (!cloud) return null;
  const timeout = Number(draft.timeoutSeconds);

  return (
    <DashSection title="Cloud model" actions={<span className={cloud.enabled ? 'chip chip--ok' : 'chip'}>{cloud.enabled ? 'on' : 'off'}</span>}>
      <p className="muted small">Any OpenAI-compatible service. Used only for requests that need it; the key stays in your OS keychain.</p>
      <Toggle label="Use the cloud model" checked={cloud.enabled} onChange={(enabled) => void settings.getState().update({ llm: { cloud: { enabled } } })} />
      <form
        className="form-grid"
        aria-label="Cloud model"
        onSubmit={(e) => {
          e.preventDefault();
          void settings.getState().update({ llm: { cloud: { baseUrl: draft.baseUrl.trim(), model: draft.model.trim(), timeoutSeconds: Number.isFinite(timeout) ? timeout : (draft.timeoutSeconds as never) } } });
        }}
      >
        <Field label="Base URL" error={errors['llm.cloud.baseUrl']} className="span-2">
          {(p) => <input {...p} className="text-input" value={draft.baseUrl} onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value })} />}
        </Field>
        <Field label="Model" error={errors['llm.cloud.model']}>
          {(p) => <input {...p} className="text-input" value={draft.model} onChange={(e) => setDraft({ ...draft, model: e.target.value })} />}
        </Field>
        <Field label="Timeout (seconds)" error={errors['llm.cloud.timeoutSeconds']}>
          {(p) => <input {...p} className="text-input" inputMode="numeric" value={draft.timeoutSeconds} onChange={(e) => setDraft({ ...draft, timeoutSeconds: e.target.value })} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button">
            Save
          </button>
        </div>
      </form>
      <SecretField
        label="API key"
        isSet={status?.cloudKeySet}
        error={keyError}
        onSave={(key) => integrations.getState().setCloudKey(key)}
        onRemove={() => integrations.getState().setCloudKey(null)}
      />
      <div className="row-actions row-actions--start">
        <button type="button" className="button" onClick={() => void integrations.getState().test('cloud')} disabled={test === 'running'}>
          Test connection
        </button>
      </div>
      <TestResult result={test} />
    </DashSection>
  );
}
