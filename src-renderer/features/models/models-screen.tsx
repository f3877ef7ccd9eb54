import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { CatalogModelView, ModelDownloadEvent } from '../../../src-preload/contract.js';
import { DashboardPage, DashSection, InlineError, Notice } from '../../app/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { ConfirmDialog, Field, Toggle } from '../../app/form-controls.js';
import { formatEta } from '../../state/dashboards/models-store.js';
import { formatBytes } from '../../ui/format-bytes.js';
import { HardwareCard } from './hardware-card.js';
import { ModelRuntime } from './model-runtime.js';
import { LocalApiKeyPanel } from './local-api-key-panel.js';
import './models.css';

/** Models: what is installed, what fits, downloads with progress, import, defaults, the local API. */
export function ModelsScreen() {
  const { models, settings } = useDashboards();
  const s = useStore(models);
  const localApiEnabled = useStore(settings, (st) => st.settings?.llm.localApi.enabled ?? s.llm?.localApi.enabled ?? false);
  const contextSetting = useStore(settings, (st) => st.settings?.llm.contextSize ?? 'auto');
  const [importPath, setImportPath] = useState('');
  const [pendingDelete, setPendingDelete] = useState<string | null>(null);

  useEffect(() => {
    void models.getState().load();
    void settings.getState().load();
  }, [models, settings]);

  const chatModels = s.installed.filter((m) => m.purpose === 'chat');
  const recommended = s.recommendation?.recommendedId ? s.catalog.find((c) => c.entry.id === s.recommendation?.recommendedId) : undefined;

  return (
    <DashboardPage title="Models" description="Local models run on this computer; nothing you type leaves it unless you turn on a cloud model.">
      <Notice floating text={s.notice} />
      <InlineError message={s.error} onRetry={() => void models.getState().load()} />
      <div className="dash-columns">
        <div className="dash-col-main">
          <DashSection title="Installed">
            {s.status === 'loading' && <p className="muted">Loading…</p>}
            {s.status === 'ready' && chatModels.length === 0 && (
              <div className="empty-callout" data-testid="models-empty">
                <p className="empty-callout-title">No model installed — download the recommended one</p>
                <p className="muted">
                  {recommended
                    ? `${recommended.entry.displayName} (${formatBytes(recommended.entry.sizeBytes)}) fits this computer best.`
                    : 'Pick one from the catalog below that fits this computer, or import a .gguf file you already have.'}
                </p>
                {recommended && !recommended.downloading && (
                  <button type="button" className="button button--primary" onClick={() => void models.getState().pull(recommended.entry.id)}>
                    Download {recommended.entry.displayName}
                  </button>
                )}
              </div>
            )}
            {s.installed.length > 0 && (
              <ul className="model-list">
                {s.installed.map((m) => (
                  <li key={m.id} className="model">
                    <div className="model-main">
                      <p className="model-name">
                        {m.displayName}
                        {m.defaultFor.map((p) => (
                          <span key={p} className="chip chip--accent">
                            default {p}
                          </span>
                        ))}
                      </p>
                      <p className="muted small">
                        {m.purpose} · {formatBytes(m.sizeBytes)}
                        {m.gguf?.fileType ? ` · ${m.gguf.fileType}` : ''} · {m.fileName}
                      </p>
                      {m.problem && <p className="field-error-text">{m.problem}</p>}
                      <InlineError message={s.actionErrors[m.id]} />
                    </div>
                    <div className="row-actions">
                      {!m.defaultFor.includes(m.purpose) && !m.problem && (
                        <button type="button" className="button button--small" onClick={() => void models.getState().setDefault(m.id, m.purpose)}>
                          Use as default
                        </button>
                      )}
                      <button type="button" className="button button--small button--ghost-danger" onClick={() => setPendingDelete(m.id)} aria-label={`Delete ${m.displayName}`}>
                        Delete
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void models
                  .getState()
                  .importPath(importPath)
                  .then((ok) => ok && setImportPath(''));
              }}
            >
              <Field label="Import a .gguf file" error={s.importError ? `— ${s.importError}` : null} hint="Full path on this computer, e.g. /home/you/models/model.gguf" className="grow">
                {(p) => <input {...p} className="text-input" placeholder="/path/to/model.gguf" value={importPath} onChange={(e) => setImportPath(e.target.value)} />}
              </Field>
              <button type="submit" className="button" disabled={!importPath.trim()}>
                Import
              </button>
            </form>
          </DashSection>
          <DashSection title="Catalog">
            <ul className="model-list">
              {s.catalog.map((c) => (
                <CatalogRow key={c.entry.id} view={c} recommended={c.entry.id === s.recommendation?.recommendedId} progress={s.downloads[c.entry.id]} error={s.actionErrors[c.entry.id]} />
              ))}
            </ul>
          </DashSection>
        </div>
        <div className="dash-col-side">
          <HardwareCard />
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
            {s.llm?.local.fitWarning && <p className="warning-text">{s.llm.local.fitWarning}</p>}
            {s.llm && <p className="muted small">{s.llm.local.detail}</p>}
          </DashSection>
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
        </div>
      </div>
      <ConfirmDialog
        open={pendingDelete !== null}
        title="Delete this model?"
        body={<p>The file {pendingDelete} is removed from the models folder. You can download it again later.</p>}
        confirmLabel="Delete"
        danger
        onCancel={() => setPendingDelete(null)}
        onConfirm={() => {
          if (pendingDelete) void models.getState().remove(pendingDelete);
          setPendingDelete(null);
        }}
      />
    </DashboardPage>
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

function CatalogRow({ view, recommended, progress, error }: { view: CatalogModelView; recommended: boolean; progress: ModelDownloadEvent | undefined; error: string | undefined }) {
  const models = useDashboards().models;
  const fit = useStore(models, (s) => s.recommendation?.candidates.find((c) => c.id === view.entry.id)?.fit);
  const active = progress && !['completed', 'failed', 'cancelled'].includes(progress.state);
  const total = progress?.total ?? view.entry.sizeBytes;
  const percent = progress && total ? Math.min(100, (progress.bytes / total) * 100) : 0;
  return (
    <li className="model">
      <div className="model-main">
        <p className="model-name">
          {view.entry.displayName}
          {recommended && <span className="chip chip--accent">recommended</span>}
          {view.installed && <span className="chip chip--ok">installed</span>}
        </p>
        <p className="muted small">
          {view.entry.purpose} · {view.entry.parameters} · {view.entry.quantization} · {formatBytes(view.entry.sizeBytes)} · {view.entry.license}
        </p>
        {fit && (
          <p className={fit.fits ? 'small fit fit--ok' : 'small fit fit--no'}>
            {fit.fits ? `Fits (${fit.placement === 'gpu' ? 'on the GPU' : fit.placement === 'split' ? 'GPU + memory' : 'on the CPU'})` : (fit.warning ?? 'Does not fit this computer')}
          </p>
        )}
        {active && progress && (
          <div className="progress-block">
            <div className="progress" role="progressbar" aria-label={`Downloading ${view.entry.displayName}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)}>
              <span className="progress-fill" style={{ width: `${percent}%` }} />
            </div>
            <p className="muted small">
              {progress.state === 'verifying' ? 'Verifying…' : `${formatBytes(progress.bytes)} of ${formatBytes(total)}`}
              {progress.bytesPerSecond ? ` · ${formatBytes(progress.bytesPerSecond)}/s` : ''}
              {progress.etaSeconds !== null ? ` · ${formatEta(progress.etaSeconds)} left` : ''}
            </p>
          </div>
        )}
        {!active && view.partialBytes !== null && !view.installed && <p className="muted small">Paused at {formatBytes(view.partialBytes)} — download resumes where it stopped.</p>}
        <InlineError message={error} />
      </div>
      <div className="row-actions">
        {active ? (
          <button type="button" className="button button--small" onClick={() => void models.getState().cancel(view.entry.id)}>
            Cancel
          </button>
        ) : (
          !view.installed && (
            <button type="button" className="button button--small button--primary" onClick={() => void models.getState().pull(view.entry.id)}>
              {view.partialBytes ? 'Resume' : 'Download'}
            </button>
          )
        )}
      </div>
    </li>
  );
}
