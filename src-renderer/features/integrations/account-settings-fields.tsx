import { useState } from 'react';
import { useStore } from 'zustand';
import { useDashboards } from '../../app/dashboards-context.js';
import { Field } from '../../ui/form-controls.js';

interface FieldSpec {
  key: string;
  label: string;
  hint: string;
  placeholder: string;
}

/** The non-secret fields Google and Twilio need before they can connect (the rest of their settings have defaults). */
const FIELDS: Record<string, FieldSpec[]> = {
  google: [
    { key: 'clientId', label: 'OAuth client ID', hint: 'Your own "Desktop app" OAuth client from Google Cloud Console → APIs & Services → Credentials (README: Connecting Google).', placeholder: '1234567890-abc.apps.googleusercontent.com' },
    { key: 'timeZone', label: 'Your time zone', hint: 'Meeting times without an offset are read in it.', placeholder: 'Europe/Berlin' },
  ],
  twilio: [
    { key: 'accountSid', label: 'Account SID', hint: 'Twilio Console → Account info.', placeholder: 'AC…' },
    { key: 'fromNumber', label: 'Sending number', hint: 'An SMS-capable Twilio number in E.164 form.', placeholder: '+14155550123' },
  ],
};

/** Saves the service's fields into settings.integrations.<id>; the server's message shows under the field it is about. */
export function AccountSettingsFields({ service }: { service: 'google' | 'twilio' }) {
  const { settings } = useDashboards();
  const current = useStore(settings, (s) => (s.settings?.integrations as Record<string, Record<string, unknown> | null> | undefined)?.[service] ?? null);
  const fieldErrors = useStore(settings, (s) => s.fieldErrors);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const specs = FIELDS[service]!;
  const valueOf = (key: string) => draft[key] ?? String(current?.[key] ?? '');
  const save = () => {
    const patch = Object.fromEntries(specs.map((f) => [f.key, valueOf(f.key).trim()]).filter(([, v]) => v !== ''));
    void settings.getState().update({ integrations: { [service]: { ...(current ?? {}), ...patch } } } as never).then((ok) => ok && setDraft({}));
  };
  return (
    <div className="account-settings">
      {specs.map((f) => (
        <Field key={f.key} label={f.label} hint={f.hint} error={Object.entries(fieldErrors).find(([path]) => path.endsWith(`${service}.${f.key}`))?.[1] ?? null}>
          {(props) => <input {...props} className="input" value={valueOf(f.key)} placeholder={f.placeholder} spellCheck={false} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />}
        </Field>
      ))}
      <div className="row-actions row-actions--start">
        <button type="button" className="button" onClick={save}>
          Save
        </button>
      </div>
    </div>
  );
}
