import { useSyncedDraft } from '../../ui/use-synced-draft.js';
import { useStore } from 'zustand';
import { DashSection } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { Field } from '../../ui/form-controls.js';
import { SecretField } from './secret-field.js';
import { TestResult } from './test-result.js';

type Security = 'tls' | 'starttls' | 'none';
const EMPTY = { host: '', port: '587', security: 'starttls' as Security, user: '', from: '', fromName: '', timeoutSeconds: '30', allowSelfSignedCertificate: false };
const numOrText = (text: string): number => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : (text as never));

/** Email over SMTP: server settings here, the password in the keychain. */
// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function SmtpCard() {
  const { settings, integrations } = useDashboards();
  const smtp = useStore(settings, (s) => s.settings?.integrations.smtp);
  const loaded = useStore(settings, (s) => s.settings !== null);
  const errors = useStore(settings, (s) => s.fieldErrors);
  const status = useStore(integrations, (s) => s.status);
  const passwordError = useStore(integrations, (s) => s.secretErrors.smtp?.password);
  const test = useStore(integrations, (s) => s.tests.smtp);
  const [draft, setDraft] = useSyncedDraft(
    smtp,
    (s) => ({
      host: s.host,
      port: String(s.port),
      security: s.security,
      user: s.user ?? '',
      from: s.from,
      fromName: s.fromName ?? '',
      timeoutSeconds: String(s.timeoutSeconds),
      allowSelfSignedCertificate: s.allowSelfSignedCertificate,
    }),
    EMPTY,
  );
  if (!loaded) return null;
  const err = (field: string) => errors[`integrations.smtp.${field}`];
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });

  return (
    <DashSection title="Email (SMTP)" actions={<span className={smtp ? 'chip chip--ok' : 'chip'}>{smtp ? 'set up' : 'not set up'}</span>}>
      <p className="muted small">Steward sends email through your own mail server, always after you approve each message.</p>
      <form
        className="form-grid"
        aria-label="SMTP server"
        onSubmit={(e) => {
          e.preventDefault();
          void settings.getState().update({
            integrations: {
              smtp: {
                host: draft.host.trim(),
                port: numOrText(draft.port),
                security: draft.security,
                user: draft.user.trim() || null,
                from: draft.from.trim(),
                ...(draft.fromName.trim() && { fromName: draft.fromName.trim() }),
                timeoutSeconds: numOrText(draft.timeoutSeconds),
                allowSelfSignedCertificate: draft.allowSelfSignedCertificate,
              },
            },
          });
        }}
      >
        <Field label="Server" error={err('host')}>
          {(p) => <input {...p} className="text-input" placeholder="smtp.example.com" value={draft.host} onChange={(e) => set({ host: e.target.value })} />}
        </Field>
        <Field label="Port" error={err('port')}>
          {(p) => <input {...p} className="text-input" inputMode="numeric" value={draft.port} onChange={(e) => set({ port: e.target.value })} />}
        </Field>
        <Field label="Security" error={err('security')}>
          {(p) => (
            <select {...p} className="text-input" value={draft.security} onChange={(e) => set({ security: e.target.value as Security })}>
              <option value="starttls">STARTTLS (port 587)</option>
              <option value="tls">TLS (port 465)</option>
              <option value="none">None (local relay only)</option>
            </select>
          )}
        </Field>
        <Field label="User name" error={err('user')} hint="Leave empty if the server needs no login.">
          {(p) => <input {...p} className="text-input" autoComplete="off" value={draft.user} onChange={(e) => set({ user: e.target.value })} />}
        </Field>
        <Field label="From address" error={err('from')}>
          {(p) => <input {...p} className="text-input" placeholder="you@example.com" value={draft.from} onChange={(e) => set({ from: e.target.value })} />}
        </Field>
        <Field label="From name" error={err('fromName')}>
          {(p) => <input {...p} className="text-input" value={draft.fromName} onChange={(e) => set({ fromName: e.target.value })} />}
        </Field>
        <Field label="Timeout (seconds)" error={err('timeoutSeconds')}>
          {(p) => <input {...p} className="text-input" inputMode="numeric" value={draft.timeoutSeconds} onChange={(e) => set({ timeoutSeconds: e.target.value })} />}
        </Field>
        <label className="check check--field">
          <input type="checkbox" checked={draft.allowSelfSignedCertificate} onChange={(e) => set({ allowSelfSignedCertificate: e.target.checked })} />
          Accept a self-signed certificate
        </label>
        <div className="form-actions">
          {smtp && (
            <button type="button" className="button button--ghost-danger" onClick={() => void settings.getState().update({ integrations: { smtp: null } })}>
              Remove server
            </button>
          )}
          <button type="submit" className="button">
            Save server
          </button>
        </div>
      </form>
      <SecretField
        label="Password"
        isSet={status?.smtpPasswordSet}
        error={passwordError}
        onSave={(value) => integrations.getState().setSmtpPassword(value)}
        onRemove={() => integrations.getState().setSmtpPassword(null)}
      />
      <div className="row-actions row-actions--start">
        <button type="button" className="button" onClick={() => void integrations.getState().test('smtp')} disabled={test === 'running' || !smtp}>
          Test connection
        </button>
      </div>
      <TestResult result={test} />
    </DashSection>
  );
}
