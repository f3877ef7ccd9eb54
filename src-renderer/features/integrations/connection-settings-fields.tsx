import { useState } from 'react';
import { useStore } from 'zustand';
import { useDashboards } from '../../app/dashboards-context.js';
import { Field, Toggle } from '../../ui/form-controls.js';
import { PathPicker } from '../../ui/path-picker.js';

/** 'file': a path on this computer, chosen with the shared picker (Browse… opens the system dialog or the in-app browser). */
type Kind = 'text' | 'number' | 'file';
interface FieldSpec {
  key: string;
  label: string;
  hint: string;
  placeholder: string;
  kind: Kind;
}

const LIMITS: FieldSpec[] = [
  { key: 'rowLimit', label: 'Row limit', hint: 'A read-only query returns at most this many rows (default 200).', placeholder: '200', kind: 'number' },
  { key: 'timeoutSeconds', label: 'Time limit (seconds)', hint: 'The database stops a query after this long (default 15).', placeholder: '15', kind: 'number' },
];

const SERVER: FieldSpec[] = [
  { key: 'host', label: 'Host', hint: 'The database server, such as db.example.com or 127.0.0.1.', placeholder: 'db.example.com', kind: 'text' },
  { key: 'port', label: 'Port', hint: '', placeholder: '', kind: 'number' },
  { key: 'database', label: 'Database', hint: 'The database name on that server.', placeholder: 'hr', kind: 'text' },
  { key: 'user', label: 'User', hint: 'A user with read-only rights is safest; changes always ask you first. Its password goes in the field below.', placeholder: 'steward', kind: 'text' },
];

/** The non-secret connection fields of the database connections and BambooHR (their secrets are the write-only fields below them). */
const FIELDS: Record<ConnectionService, FieldSpec[]> = {
  sqlite: [{ key: 'path', label: 'Database file', hint: 'The full path of the SQLite file, typed or chosen with Browse…. It is opened read-only for questions; Steward never creates or replaces it.', placeholder: '/home/you/company.db', kind: 'file' }, ...LIMITS],
  postgres: [...SERVER.map((f) => (f.key === 'port' ? { ...f, placeholder: '5432', hint: 'Usually 5432.' } : f)), ...LIMITS],
  mysql: [...SERVER.map((f) => (f.key === 'port' ? { ...f, placeholder: '3306', hint: 'Usually 3306.' } : f)), ...LIMITS],
  bamboohr: [{ key: 'companyDomain', label: 'Company domain', hint: 'The part before .bamboohr.com in your BambooHR address (acme for acme.bamboohr.com).', placeholder: 'acme', kind: 'text' }],
};

export type ConnectionService = 'sqlite' | 'postgres' | 'mysql' | 'bamboohr';

/** What SQLite files are usually called; Browse… offers these (a typed path may have any name). */
const SQLITE_EXTENSIONS = ['.db', '.sqlite', '.sqlite3', '.db3'] as const;

export function isConnectionService(id: string): id is ConnectionService {
  return id in FIELDS;
}

/** Saves the connection's fields into settings.integrations.<id>; the server's message shows under the field it is about. */
export function ConnectionSettingsFields({ service }: { service: ConnectionService }) {
  const { settings } = useDashboards();
  const current = useStore(settings, (s) => (s.settings?.integrations as Record<string, Record<string, unknown> | null> | undefined)?.[service] ?? null);
  const fieldErrors = useStore(settings, (s) => s.fieldErrors);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const specs = FIELDS[service];
  const errorOf = (key: string) => Object.entries(fieldErrors).find(([path]) => path.endsWith(`${service}.${key}`))?.[1] ?? null;
  const valueOf = (key: string) => draft[key] ?? (current?.[key] === undefined || current?.[key] === null ? '' : String(current[key]));
  const save = (extra: Record<string, unknown> = {}) => {
    const entries = specs.map((f) => [f.key, valueOf(f.key).trim(), f.kind] as const).filter(([, v]) => v !== '');
    // A number field keeps what was typed when it is not a number, so the server names the field.
    const patch = Object.fromEntries(entries.map(([k, v, kind]) => [k, kind === 'number' && /^\d+$/.test(v) ? Number(v) : v]));
    void settings
      .getState()
      .update({ integrations: { [service]: { ...(current ?? {}), ...patch, ...extra } } } as never)
      .then((ok) => ok && setDraft({}));
  };
  return (
    <div className="account-settings" data-testid={`connection-${service}`}>
      {specs.map((f) =>
        f.kind === 'file' ? (
          <PathPicker
            key={f.key}
            pick="file"
            label={f.label}
            hint={f.hint}
            extensions={SQLITE_EXTENSIONS}
            placeholder={f.placeholder}
            value={valueOf(f.key)}
            error={errorOf(f.key)}
            onChange={(path) => setDraft({ ...draft, [f.key]: path })}
          />
        ) : (
          <Field key={f.key} label={f.label} hint={f.hint || undefined} error={errorOf(f.key)}>
            {(props) => <input {...props} className="input" inputMode={f.kind === 'number' ? 'numeric' : undefined} value={valueOf(f.key)} placeholder={f.placeholder} spellCheck={false} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />}
          </Field>
        ),
      )}
      {(service === 'postgres' || service === 'mysql') && current && <Toggle label="Encrypt the connection (SSL/TLS)" checked={current.ssl === true} onChange={(ssl) => save({ ssl })} />}
      <div className="row-actions row-actions--start">
        <button type="button" className="button" onClick={() => save()}>
          Save
        </button>
      </div>
    </div>
  );
}
