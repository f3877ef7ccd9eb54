import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { DesktopOnlyNote } from './desktop-only-note.js';
import type { Settings, SettingsPatch } from '../../../src-preload/contract.js';
import { DashboardPage, DashSection, InlineError, Notice } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { Field, Toggle } from '../../ui/form-controls.js';
import { DataLocations } from './data-locations.js';
import { ToolPermissions } from './tool-permissions.js';
import { PeopleSection } from '../people/people-section.js';
import { TwoFactorCard } from './two-factor-card.js';

interface Draft {
  quickCommandShortcut: string;
  dailyUsd: string;
  perTaskUsd: string;
  maxIterations: string;
  approvalTimeoutSeconds: string;
  maxConcurrentTasks: string;
}

const draftOf = (s: Settings): Draft => ({
  quickCommandShortcut: s.quickCommandShortcut,
  dailyUsd: String(s.budgets.dailyUsd),
  perTaskUsd: String(s.budgets.perTaskUsd),
  maxIterations: String(s.agent.maxIterations),
  approvalTimeoutSeconds: String(s.agent.approvalTimeoutSeconds),
  maxConcurrentTasks: String(s.agent.maxConcurrentTasks),
});

/** Numbers go to the server as typed so it can say what is wrong; text that is not a number is sent as-is. */
const num = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/** Settings: appearance, budgets, agent behaviour, notifications and per-tool permissions. */
// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function SettingsScreen() {
  // The browser build has no global shortcut or native notifications: say so instead of offering them.
  const inBrowser = useStore(useStores().connection, (c) => c.transport === 'http');
  const store = useDashboards().settings;
  const settings = useStore(store, (s) => s.settings);
  const errors = useStore(store, (s) => s.fieldErrors);
  const saveError = useStore(store, (s) => s.saveError);
  const loadError = useStore(store, (s) => s.loadError);
  const savedAt = useStore(store, (s) => s.savedAt);
  const [draft, setDraft] = useState<Draft | null>(null);

  useEffect(() => {
    void store.getState().load();
  }, [store]);
  // The draft is taken once, when settings first arrive, so saving one section (or a theme
  // toggle elsewhere) never wipes what the user is typing in another.
  if (settings && !draft) setDraft(draftOf(settings));

  const edit = (key: keyof Draft, path: string) => (value: string) => {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
    if (errors[path]) store.getState().clearFieldError(path);
  };

  const save = (patch: SettingsPatch) => (event: FormEvent) => {
    event.preventDefault();
    void store.getState().update(patch);
  };

  const hasFieldErrors = Object.keys(errors).length > 0;

  return (
    <DashboardPage title="Settings" description="How Steward looks and behaves, what it may spend, and what it may do without asking.">
      <InlineError message={loadError} onRetry={() => void store.getState().load()} />
      <Notice floating text={savedAt && !hasFieldErrors ? 'Saved.' : null} version={savedAt} />
      {saveError && !hasFieldErrors && <InlineError message={saveError} />}
      {settings && draft && (
        <div className="dash-columns">
          <div className="dash-col-main">
            <DashSection title="Appearance">
              <div className="segmented" role="radiogroup" aria-label="Theme">
                {(['system', 'light', 'dark'] as const).map((theme) => (
                  <label key={theme} className="segment">
                    <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => void store.getState().update({ theme })} />
                    <span>{theme === 'system' ? 'Match system' : theme === 'light' ? 'Light' : 'Dark'}</span>
                  </label>
                ))}
              </div>
            </DashSection>
            <DashSection title="Budgets">
              <form className="form-grid" onSubmit={save({ budgets: { dailyUsd: num(draft.dailyUsd), perTaskUsd: num(draft.perTaskUsd) } as never })} aria-label="Budgets">
                <Field label="Daily budget (USD)" error={errors['budgets.dailyUsd']}>
                  {(p) => <input {...p} name="dailyUsd" className="text-input" inputMode="decimal" value={draft.dailyUsd} onChange={(e) => edit('dailyUsd', 'budgets.dailyUsd')(e.target.value)} />}
                </Field>
                <Field label="Per task (USD)" error={errors['budgets.perTaskUsd']}>
                  {(p) => <input {...p} name="perTaskUsd" className="text-input" inputMode="decimal" value={draft.perTaskUsd} onChange={(e) => edit('perTaskUsd', 'budgets.perTaskUsd')(e.target.value)} />}
                </Field>
                <div className="form-actions">
                  <button type="submit" className="button button--primary">
                    Save budgets
                  </button>
                </div>
              </form>
            </DashSection>
            <DashSection title="Agent">
              <form
                className="form-grid"
                aria-label="Agent"
                onSubmit={save({
                  agent: { maxIterations: num(draft.maxIterations), approvalTimeoutSeconds: num(draft.approvalTimeoutSeconds), maxConcurrentTasks: num(draft.maxConcurrentTasks) },
                } as never)}
              >
                <Field label="Review rounds per task" error={errors['agent.maxIterations']} hint="How often the Supervisor may send work back (1–10).">
                  {(p) => <input {...p} className="text-input" inputMode="numeric" value={draft.maxIterations} onChange={(e) => edit('maxIterations', 'agent.maxIterations')(e.target.value)} />}
                </Field>
                <Field label="Approval timeout (seconds)" error={errors['agent.approvalTimeoutSeconds']}>
                  {(p) => (
                    <input {...p} className="text-input" inputMode="numeric" value={draft.approvalTimeoutSeconds} onChange={(e) => edit('approvalTimeoutSeconds', 'agent.approvalTimeoutSeconds')(e.target.value)} />
                  )}
                </Field>
                <Field label="Tasks at once" error={errors['agent.maxConcurrentTasks']}>
                  {(p) => <input {...p} className="text-input" inputMode="numeric" value={draft.maxConcurrentTasks} onChange={(e) => edit('maxConcurrentTasks', 'agent.maxConcurrentTasks')(e.target.value)} />}
                </Field>
                <div className="form-actions">
                  <button type="submit" className="button button--primary">
                    Save agent options
                  </button>
                </div>
              </form>
              <Toggle label="Pause the agent" description="New tasks wait until you resume." checked={settings.agent.paused} onChange={(paused) => void store.getState().update({ agent: { paused } })} />
            </DashSection>
            <TwoFactorCard />
          </div>
          <div className="dash-col-side">
            <DashSection title="Quick command">
              {inBrowser && <DesktopOnlyNote what="The quick-command shortcut" />}
              <form className="inline-form" onSubmit={save({ quickCommandShortcut: draft.quickCommandShortcut })} aria-label="Quick command">
                <Field label="Shortcut" error={errors.quickCommandShortcut} hint="e.g. CommandOrControl+Shift+Space" className="grow">
                  {(p) => <input {...p} className="text-input" value={draft.quickCommandShortcut} onChange={(e) => edit('quickCommandShortcut', 'quickCommandShortcut')(e.target.value)} />}
                </Field>
                <button type="submit" className="button">
                  Save
                </button>
              </form>
            </DashSection>
            <DashSection title="Notifications">
              {inBrowser && <DesktopOnlyNote what="Desktop notifications" />}
              <Toggle
                label="Desktop notifications"
                description="When a task finishes or needs your approval."
                disabled={inBrowser}
                checked={settings.notifications.enabled}
                onChange={(enabled) => void store.getState().update({ notifications: { enabled } })}
              />
            </DashSection>
            <DashSection title="Chat">
              <Toggle
                label="Show reply speed"
                description="Under each reply, beside the model that answered: how long before the first word, and tokens per second."
                checked={settings.chat.showReplySpeed}
                onChange={(showReplySpeed) => void store.getState().update({ chat: { showReplySpeed } })}
              />
            </DashSection>
            <DataLocations />
          </div>
        </div>
      )}
      <PeopleSection />
      <ToolPermissions />
    </DashboardPage>
  );
}
