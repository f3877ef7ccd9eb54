import { useState } from 'react';
import { useStore } from 'zustand';
import { useDashboards } from '../../app/dashboards-context.js';
import { Field } from '../../ui/form-controls.js';

/**
 * Codes by SMS instead of the authenticator app: a phone number, and the codes are texted with the
 * Twilio account under Integrations › SMS (Twilio). The server refuses the switch while the app's
 * codes are on (that would hand payments to whoever holds the phone).
 */
export function SmsTwoFactorFields() {
  const { settings } = useDashboards();
  const approvals = useStore(settings, (s) => s.settings?.approvals);
  const fieldErrors = useStore(settings, (s) => s.fieldErrors);
  const saveError = useStore(settings, (s) => s.saveError);
  const [phone, setPhone] = useState<string | null>(null);
  if (!approvals) return null;
  const shown = phone ?? approvals.twoFactorPhone ?? '';
  const save = (method: 'totp' | 'sms') =>
    void settings.getState().update({ approvals: { twoFactorMethod: method, twoFactorPhone: shown.trim() === '' ? null : shown.trim() } }).then((ok) => ok && setPhone(null));
  const phoneError = Object.entries(fieldErrors).find(([path]) => path.endsWith('twoFactorPhone'))?.[1] ?? null;
  return (
    <form className="two-factor-sms" aria-label="Two-factor by SMS" onSubmit={(e) => e.preventDefault()}>
      <p className="muted small">
        {approvals.twoFactorMethod === 'sms' ? `Codes are texted to ${approvals.twoFactorPhone ?? '(no number set)'} when a payment needs one.` : 'Or get the code by text message (sent with your Twilio account) instead of an authenticator app.'}
      </p>
      <Field label="Phone for codes" error={phoneError} hint="E.164, such as +14155550123.">
        {(props) => <input {...props} className="input" value={shown} inputMode="tel" autoComplete="tel" onChange={(e) => setPhone(e.target.value)} />}
      </Field>
      {saveError && !phoneError && <p className="field-error-text" role="alert">{saveError}</p>}
      <div className="row-actions row-actions--start">
        {approvals.twoFactorMethod === 'sms' ? (
          <>
            <button type="button" className="button" onClick={() => save('sms')}>Save number</button>
            <button type="button" className="button" onClick={() => save('totp')}>Use the authenticator app instead</button>
          </>
        ) : (
          <button type="button" className="button" onClick={() => save('sms')}>Send codes by SMS</button>
        )}
      </div>
    </form>
  );
}
