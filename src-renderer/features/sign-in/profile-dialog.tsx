import { useId, useState, type FormEvent } from 'react';
import type { PersonInfo } from '../../../src-preload/schemas/people.js';
import { ApiError } from '../../api/api-error.js';
import { useApi } from '../../app/dashboards-context.js';
import { Field } from '../../ui/form-controls.js';
import { useModalDialog } from '../../ui/use-modal-dialog.js';
import { endPersonSession, personSignedIn, roleLabel, startPersonSession, takeEndedNotice } from './person-session.js';

const DEPARTMENT_LABEL: Record<string, string> = { hr: 'HR', finance: 'Finance', engineering: 'Engineering', operations: 'Operations' };

/**
 * Who is acting, and "Switch profile": a person signs in with the email and password the owner set
 * for them in Settings › People; from then on this window acts for them (their role decides what
 * Steward may do, and approvals routed to them are theirs to decide). "Sign out" returns to the owner.
 */
export function ProfileDialog({ open, me, onClose }: { open: boolean; me: PersonInfo; onClose: () => void }) {
  const api = useApi();
  const modal = useModalDialog(open, onClose, { returnFocus: true });
  const titleId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ field: 'email' | 'password' | 'form'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [ended] = useState(takeEndedNotice);
  const signedIn = personSignedIn();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return setError({ field: 'email', message: 'is empty — type the email of the profile to sign in to.' });
    if (!password) return setError({ field: 'password', message: 'is empty — type the password the owner set for this profile.' });
    setBusy(true);
    setError(null);
    try {
      await startPersonSession(api, email.trim(), password);
    } catch (err) {
      const apiError = ApiError.from(err);
      const field = apiError.issues.find((i) => i.path === 'email' || i.path === 'password')?.path as 'email' | 'password' | undefined;
      setError({ field: field ?? 'form', message: field ? (apiError.issues.find((i) => i.path === field)?.message ?? apiError.message) : apiError.message });
      setBusy(false);
    }
  };

  return (
    <dialog {...modal} className="dialog profile-dialog" aria-labelledby={titleId}>
      <h2 id={titleId} className="dialog-title">
        Profile
      </h2>
      <div className="dialog-body">
        <p className="profile-current" data-profile-current>
          Acting as <strong>{me.name}</strong> — {roleLabel(me.role)}
          {me.departments.length > 0 ? `, ${me.departments.map((d) => DEPARTMENT_LABEL[d] ?? d).join(', ')}` : ''} ({me.email})
        </p>
        {ended && <p className="profile-notice">The previous sign-in ended (Steward restarted, or the profile was switched off), so this window acts for the owner again.</p>}
        {signedIn ? (
          <p>Sign out to act for the owner again.</p>
        ) : (
          <form className="profile-form" onSubmit={(e) => void submit(e)} noValidate>
            <p>Switch profile: sign in with the email and password the owner set in Settings › People.</p>
            <Field label="Email" error={error?.field === 'email' ? error.message : null}>
              {(props) => <input {...props} className="input" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />}
            </Field>
            <Field label="Password" error={error?.field === 'password' ? error.message : null}>
              {(props) => <input {...props} className="input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
            </Field>
            {error?.field === 'form' && (
              <p className="field-error-text" role="alert">
                {error.message}
              </p>
            )}
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        )}
      </div>
      <div className="dialog-actions">
        {signedIn && (
          <button type="button" className="button" onClick={() => endPersonSession(api, 'signed-out')}>
            Sign out
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
