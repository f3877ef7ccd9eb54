import { useSyncedDraft } from '../../ui/use-synced-draft.js';
import { useStore } from 'zustand';
import type { FactCategory } from '../../../src-preload/contract.js';
import { DashSection } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { Field, Toggle } from '../../ui/form-controls.js';
import { CATEGORIES, CATEGORY_LABELS } from './category-labels.js';

/** Totals, facts per category as bars, and what is used most. */
export function MemoryAnalyticsCard() {
  const analytics = useStore(useDashboards().memory, (s) => s.analytics);
  if (!analytics) return null;
  const max = Math.max(1, ...CATEGORIES.map((c) => analytics.byCategory[c] ?? 0));
  return (
    <DashSection title="At a glance">
      <dl className="stat-grid">
        <div className="stat">
          <dt>Current facts</dt>
          <dd>{analytics.totals.currentFacts}</dd>
        </div>
        <div className="stat">
          <dt>People &amp; things</dt>
          <dd>{analytics.totals.entities}</dd>
        </div>
        <div className="stat">
          <dt>Conversation turns</dt>
          <dd>{analytics.totals.episodes}</dd>
        </div>
        <div className="stat">
          <dt>Workflows</dt>
          <dd>{analytics.totals.workflows}</dd>
        </div>
      </dl>
      <ul className="bar-list" aria-label="Facts per category">
        {CATEGORIES.map((c) => {
          const n = analytics.byCategory[c] ?? 0;
          return (
            <li key={c} className="bar-row">
              <span className="bar-label">{CATEGORY_LABELS[c]}</span>
              <span className="bar-track" aria-hidden="true">
                <span className="bar-fill" style={{ width: `${(n / max) * 100}%` }} />
              </span>
              <span className="bar-value">{n}</span>
            </li>
          );
        })}
      </ul>
      <p className="muted small">
        {analytics.lastUpdatedAt ? `Last updated ${new Date(analytics.lastUpdatedAt).toLocaleString()}` : 'Nothing learned yet.'}
        {!analytics.vectors.available && ` · ${analytics.vectors.status || 'Keyword search only — install an embedding model for better recall (Models screen).'}`}
      </p>
    </DashSection>
  );
}

/** Questions Steward is waiting on: contradictions, suggestions read in untrusted text, proposed expiries, suggested workflows. */
export function MemoryQuestionsCard() {
  const memory = useDashboards().memory;
  const questions = useStore(memory, (s) => s.questions);
  if (questions.length === 0) return null;
  return (
    <DashSection title={`Waiting for you (${questions.length})`}>
      <ul className="question-list">
        {questions.map((q) => (
          <li key={q.id} className="question">
            <p className="question-text">{q.text}</p>
            <div className="row-actions">
              {q.kind === 'conflict' && (
                <>
                  <button type="button" className="button button--small" onClick={() => void memory.getState().answer(q.id, { kind: 'conflict', keep: 'existing' })}>
                    Keep earlier
                  </button>
                  <button type="button" className="button button--small button--primary" onClick={() => void memory.getState().answer(q.id, { kind: 'conflict', keep: 'new' })}>
                    Use new
                  </button>
                </>
              )}
              {q.kind === 'expiry' && (
                <>
                  <button type="button" className="button button--small" onClick={() => void memory.getState().answer(q.id, { kind: 'expiry', approve: false })}>
                    Keep
                  </button>
                  <button type="button" className="button button--small button--primary" onClick={() => void memory.getState().answer(q.id, { kind: 'expiry', approve: true })}>
                    Forget
                  </button>
                </>
              )}
              {q.kind === 'confirm' && (
                <>
                  <button type="button" className="button button--small" onClick={() => void memory.getState().answer(q.id, { kind: 'confirm', accept: false })}>
                    Don’t remember
                  </button>
                  <button type="button" className="button button--small button--primary" onClick={() => void memory.getState().answer(q.id, { kind: 'confirm', accept: true })}>
                    Remember it
                  </button>
                </>
              )}
              {q.kind === 'workflow' && (
                <>
                  <button type="button" className="button button--small" onClick={() => void memory.getState().answer(q.id, { kind: 'workflow', accept: false })}>
                    No thanks
                  </button>
                  <button type="button" className="button button--small button--primary" onClick={() => void memory.getState().answer(q.id, { kind: 'workflow', accept: true })}>
                    Create workflow
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </DashSection>
  );
}

/** The personal-information categories memory can withhold (memory.withhold), in the user's words. */
const WITHHELD: readonly { key: 'health' | 'dietary'; label: string }[] = [
  { key: 'health', label: 'Health details (conditions, treatments, medication)' },
  { key: 'dietary', label: 'Food allergies and dietary needs' },
];

/** Learning on/off, per category, what personal information is kept out, and the auto-expiry window. */
export function MemorySettingsCard() {
  const memory = useDashboards().memory;
  const settings = useStore(memory, (s) => s.settings);
  const errors = useStore(memory, (s) => s.settingsErrors);
  const [days, setDays] = useSyncedDraft(settings, (s) => String(s.autoExpire.unusedDays), '');
  if (!settings) return null;
  const save = (patch: Record<string, unknown>) => void memory.getState().updateSettings(patch);
  return (
    <DashSection title="Learning">
      <Toggle label="Memory on" description="Off: nothing new is learned or recalled. Viewing, export and clear still work." checked={settings.enabled} onChange={(enabled) => save({ enabled })} />
      <fieldset className="fieldset" disabled={!settings.enabled}>
        <legend className="field-label">Learn about</legend>
        <div className="chip-toggles">
          {CATEGORIES.map((c: FactCategory) => (
            <label key={c} className="check">
              <input type="checkbox" checked={settings.learning[c]} onChange={(e) => save({ learning: { ...settings.learning, [c]: e.target.checked } })} />
              {CATEGORY_LABELS[c]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset" disabled={!settings.enabled}>
        <legend className="field-label">Keep out of memory</legend>
        <div className="chip-toggles">
          {WITHHELD.map(({ key, label }) => (
            <label key={key} className="check">
              <input type="checkbox" checked={settings.withhold[key]} onChange={(e) => save({ withhold: { ...settings.withhold, [key]: e.target.checked } })} />
              {label}
            </label>
          ))}
        </div>
        <p className="field-hint">What is kept out is replaced by a note saying what was removed. Passwords, card, ID and bank numbers are always kept out.</p>
      </fieldset>
      <Toggle label="Suggest forgetting unused facts" checked={settings.autoExpire.enabled} onChange={(enabled) => save({ autoExpire: { ...settings.autoExpire, enabled } })} />
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          save({ autoExpire: { ...settings.autoExpire, unusedDays: Number(days) } });
        }}
      >
        <Field label="Unused for (days)" error={errors['autoExpire.unusedDays'] ?? errors['']}>
          {(p) => <input {...p} className="text-input text-input--narrow" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} disabled={!settings.autoExpire.enabled} />}
        </Field>
        <button type="submit" className="button" disabled={!settings.autoExpire.enabled}>
          Save
        </button>
      </form>
    </DashSection>
  );
}
