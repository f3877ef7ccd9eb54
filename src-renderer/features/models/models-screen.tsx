import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { CatalogModelView, ModelDownloadEvent } from '../../../src-preload/contract.js';
import { DashboardPage, DashSection, InlineError, Notice } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { ConfirmDialog } from '../../ui/form-controls.js';
import { formatEta } from '../../state/dashboards/models-store.js';
import { formatBytes } from '../../ui/format-bytes.js';
import { HardwareCard } from './hardware-card.js';
import { HubSearchSection } from './hub-search-section.js';
import { CloudProvidersSection } from './cloud-providers-section.js';
import { InstalledModels } from './installed-models.js';
import { EngineSection, LocalApiSection } from './engine-sections.js';
import { ImageInputSection } from './image-input-section.js';
import './models.css';

/** Models: what is installed, what fits, downloads with progress, import, defaults, the local API. */
export function ModelsScreen() {
  const { models, settings } = useDashboards();
  const s = useStore(models);
  const [pendingDelete, setPendingDelete] = useState<string | null>(null);

  useEffect(() => {
    void models.getState().load();
    void settings.getState().load();
  }, [models, settings]);

  return (
    <DashboardPage title="Models" description="Local models run on this computer; nothing you type leaves it unless you turn on a cloud model.">
      <Notice floating text={s.notice} />
      <InlineError message={s.error} onRetry={() => void models.getState().load()} />
      <div className="dash-columns">
        <div className="dash-col-main">
          <InstalledModels onDelete={setPendingDelete} />
          <DashSection title="Catalog">
            <ul className="model-list">
              {s.catalog.map((c) => (
                <CatalogRow key={c.entry.id} view={c} recommended={c.entry.id === s.recommendation?.recommendedId} progress={s.downloads[c.entry.id]} error={s.actionErrors[c.entry.id]} />
              ))}
            </ul>
          </DashSection>
          <HubSearchSection />
          <CloudProvidersSection />
        </div>
        <div className="dash-col-side">
          <HardwareCard />
          <EngineSection />
          <LocalApiSection />
          <ImageInputSection />
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

function CatalogRow({ view, recommended, progress, error }: { view: CatalogModelView; recommended: boolean; progress: ModelDownloadEvent | undefined; error: string | undefined }) {
  const models = useDashboards().models;
  const candidate = useStore(models, (s) => s.recommendation?.candidates.find((c) => c.id === view.entry.id));
  const fit = candidate?.fit;
  const speed = view.entry.purpose === 'chat' ? candidate?.speed : null;
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
        {speed && <p className={speed.usable ? 'small speed speed--ok' : 'small speed speed--slow'}>Speed: {speed.summary}</p>}
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
