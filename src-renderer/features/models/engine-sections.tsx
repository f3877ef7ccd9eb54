import { useStore } from 'zustand';
import { DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { Field, Toggle } from '../../ui/form-controls.js';
import { LocalApiKeyPanel } from './local-api-key-panel.js';
import { ModelRuntime } from './model-runtime.js';
import { EngineChoice } from './engine-choice.js';

/** Models › Engine: which model and backend run, the context per request, the inference process. */
export function EngineSection() {
  const { models, settings } = useDashboards();
  const s = useStore(models);
  const contextSetting = useStore(settings, (st) => st.settings?.llm.contextSize ?? 'auto');
  return (
    <DashSection title="Engine">
      <dl className="kv">
        <dt>Local model</dt>
        <dd>{s.llm?.local.model ?? 'none'}</dd>
        <dt>Backend</dt>
        <dd>
          {s.llm?.local.backend ?? 'not loaded yet'}
          {s.llm?.local.build && <span className="muted">{s.llm.local.build === 'local' ? ' · compiled on this computer' : ' · prebuilt llama.cpp'}</span>}
        </dd>
        {s.llm?.local.context && (
          <>
            <dt>Context</dt>
            <dd>{`${s.llm.local.context.tokens.toLocaleString('en-US')} tokens × ${s.llm.local.context.sequences} parallel`}</dd>
          </>
        )}
      </dl>
      {s.llm?.local.backendNote && <p className="muted small">{s.llm.local.backendNote}</p>}
      <ModelRuntime runtime={s.llm?.local.runtime ?? null} />
      <EngineChoice />
      {s.llm?.local.build === 'prebuilt' && (
        <p className="muted small" data-testid="engine-build-hint">
          Compiling llama.cpp on this computer usually makes it faster, mostly for long prompts and several requests at once: run{' '}
          <code>npx --no node-llama-cpp source download --skipBuild</code> then <code>npx --no node-llama-cpp source build</code> (add{' '}
          <code>--gpu cuda</code> for an NVIDIA GPU) in the folder where you installed Steward, then restart it.
        </p>
      )}
      {s.llm?.local.context && <p className="muted small">{s.llm.local.context.note}</p>}
      <ContextSizeSelect
        value={contextSetting}
        onChange={(contextSize) => {
          // Saving reloads the model with the new context. No event says when that load is done, so
          // the Engine rows show the new context the next time this screen loads the status.
          void settings
            .getState()
            .update({ llm: { contextSize } })
            .then((saved) => (saved ? models.getState().refreshLlm() : undefined));
        }}
      />
      <InlineError message={s.llm?.local.problem} />
      {s.llm?.local.fitWarning && <p className="warning-text">{s.llm.local.fitWarning}</p>}
      {s.llm && !s.llm.local.problem && <p className="muted small">{s.llm.local.detail}</p>}
    </DashSection>
  );
}

/** Models › Local API server: the OpenAI-compatible API switch, its address and key. */
export function LocalApiSection() {
  const { models, settings } = useDashboards();
  const s = useStore(models);
  const localApiEnabled = useStore(settings, (st) => st.settings?.llm.localApi.enabled ?? s.llm?.localApi.enabled ?? false);
  return (
    <DashSection title="Local API server">
      <Toggle
        label="OpenAI-compatible API on this computer"
        description="Lets other apps on this machine use your local model."
        checked={localApiEnabled}
        onChange={(enabled) => {
          void settings
            .getState()
            .update({ llm: { localApi: { enabled } } })
            .then((saved) => (saved ? models.getState().settleLocalApi(enabled) : undefined));
        }}
      />
      {s.llm?.localApi.url && localApiEnabled && (
        <>
          <p className="small">
            Listening at <code>{s.llm.localApi.url}</code>
          </p>
          <LocalApiKeyPanel url={s.llm.localApi.url} model={s.llm.local.model} />
        </>
      )}
      {localApiEnabled && !s.llm?.localApi.url && !s.llm?.localApi.error && <p className="muted small">Starting…</p>}
      <InlineError message={s.llm?.localApi.error} />
    </DashSection>
  );
}

const CONTEXT_CHOICES = [4096, 8192, 16_384, 32_768, 65_536, 131_072] as const;

/** Context per request: automatic (up to 32K where memory allows) or a fixed number of tokens. */
function ContextSizeSelect({ value, onChange }: { value: number | 'auto'; onChange: (value: number | 'auto') => void }) {
  const choices: Array<number | 'auto'> = ['auto', ...CONTEXT_CHOICES];
  if (!choices.includes(value)) choices.push(value);
  return (
    <Field label="Context per request" hint="Longer contexts take more memory and leave room for fewer parallel requests.">
      {(props) => (
    <select {...props} className="text-input" value={String(value)} onChange={(e) => onChange(e.target.value === 'auto' ? 'auto' : Number(e.target.value))}>
      {choices.map((c) => (
        <option key={String(c)} value={String(c)}>
          {c === 'auto' ? 'Automatic (up to 32K where memory allows)' : `${c.toLocaleString('en-US')} tokens`}
        </option>
      ))}
    </select>
      )}
    </Field>
  );
}
