import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { DashSection, InlineError, Notice } from '../../ui/dashboard-page.js';
import { SmsTwoFactorFields } from './sms-two-factor-fields.js';
import { useApi } from '../../app/dashboards-context.js';
import { Field } from '../../ui/form-controls.js';
import { createTwoFactorStore, type TwoFactorStore } from '../../state/dashboards/two-factor-store.js';
import { copyText } from '../../ui/copy-text.js';
import { useSyncedDraft } from '../../ui/use-synced-draft.js';
import { QrCode } from '../../ui/qr-code.js';
import { TwoFactorCodeField } from '../approvals/two-factor-code-field.js';
import { formatUsd } from '../../state/cost-maths.js';
import './two-factor-card.css';

/**
 * Settings → Security: two-factor authentication with an authenticator app. Payments at or above
 * the threshold need its code to be approved — and cannot be approved at all while it is off —
 * so the card says that plainly, walks through setup (key, link, first code) and asks for a
 * code to turn it off.
 */
export function TwoFactorCard() {
  const api = useApi();
  const store = useMemo(() => createTwoFactorStore(api), [api]);
  useEffect(() => {
    void store.getState().load();
    return api.onEvent((event) => {
      if (event.type === 'settings.changed') store.getState().applyThreshold(event.settings.approvals.twoFactorThresholdUsd);
    });
  }, [api, store]);
  const status = useStore(store, (s) => s.status);
  const loadError = useStore(store, (s) => s.loadError);
  const actionError = useStore(store, (s) => s.actionError);
  const notice = useStore(store, (s) => s.notice);
  const setup = useStore(store, (s) => s.setup);
  const disabling = useStore(store, (s) => s.disabling);

  const chip = !status ? null : status.enabled ? (
    <span className="chip chip--ok">On</span>
  ) : status.pendingSetup ? (
    <span className="chip chip--warn">Setup not finished</span>
  ) : (
    <span className="chip">Off</span>
  );

  return (
    <DashSection title="Security" actions={chip} className="two-factor-card">
      <InlineError message={loadError} onRetry={() => void store.getState().load()} />
      {status && (
        <>
          <div className="two-factor-summary">
            <h3 className="two-factor-heading">Two-factor approval of payments</h3>
            <p className="muted small">
              {status.enabled
                ? `Payments of ${formatUsd(status.thresholdUsd)} or more need the 6-digit code from your authenticator app before they can be approved.`
                : `Use an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Authy…) to confirm payments of ${formatUsd(status.thresholdUsd)} or more. Until it is on, those payments cannot be approved.`}
            </p>
          </div>
          {status.lockedUntil && (
            <p className="two-factor-lock" role="alert">
              Too many wrong codes: codes are refused until {new Date(status.lockedUntil).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.
            </p>
          )}
          <InlineError message={actionError} />
          <Notice text={notice} />
          {setup ? <SetupSteps store={store} /> : status.enabled ? disabling ? <TurnOffForm store={store} /> : <TurnOffButton store={store} /> : <SetupButton store={store} restart={status.pendingSetup} />}
          <ThresholdForm store={store} />
          <SmsTwoFactorFields />
        </>
      )}
    </DashSection>
  );
}

function SetupButton({ store, restart }: { store: TwoFactorStore; restart: boolean }) {
  const busy = useStore(store, (s) => s.busy);
  return (
    <div className="two-factor-actions">
      {restart && <p className="muted small">Setup was started but not confirmed. For your safety the key is not shown again — start over to get a new one.</p>}
      <button type="button" className="button button--primary" disabled={busy} onClick={() => void store.getState().startSetup()}>
        {restart ? 'Start setup again' : 'Set up two-factor'}
      </button>
    </div>
  );
}

function SetupSteps({ store }: { store: TwoFactorStore }) {
  const setup = useStore(store, (s) => s.setup);
  const codeError = useStore(store, (s) => s.codeError);
  const busy = useStore(store, (s) => s.busy);
  const [code, setCode] = useState('');
  const [copied, setCopied] = useState<'key' | 'link' | null>(null);
  const [copyFailed, setCopyFailed] = useState(false);
  const codeId = useId();
  if (!setup) return null;

  const copy = async (what: 'key' | 'link', text: string) => {
    const ok = await copyText(text);
    setCopied(ok ? what : null);
    setCopyFailed(!ok);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await store.getState().confirm(code)) setCode('');
  };

  return (
    <ol className="two-factor-steps">
      <li>
        <p className="two-factor-step-title">Add Steward to your authenticator app</p>
        <p className="muted small">Scan this code with the app (Google Authenticator, 1Password, Authy, …):</p>
        <QrCode text={setup.otpauthUri} label="QR code of the two-factor setup link" />
        <p className="muted small">Or choose “Enter a setup key” in the app and type this key, or copy it:</p>
        <div className="two-factor-secret-row">
          <code className="two-factor-secret" aria-label="Setup key" data-testid="two-factor-secret">
            {setup.secret}
          </code>
          <button type="button" className="button button--small" onClick={() => void copy('key', setup.secret.replace(/ /g, ''))}>
            {copied === 'key' ? 'Copied' : 'Copy key'}
          </button>
        </div>
        <p className="muted small">
          On a device with an authenticator app you can also{' '}
          <a className="two-factor-link" href={setup.otpauthUri}>
            open the setup link
          </a>{' '}
          or{' '}
          <button type="button" className="link-button" onClick={() => void copy('link', setup.otpauthUri)}>
            {copied === 'link' ? 'link copied' : 'copy it'}
          </button>
          .
        </p>
        {copyFailed && <p className="warning-text">Copying was not allowed here — select the key and copy it by hand.</p>}
        <p className="two-factor-caution small">This key is shown only now. Keep it private: anyone who has it can make codes.</p>
      </li>
      <li>
        <p className="two-factor-step-title">Enter the code the app shows</p>
        <form className="two-factor-code-form" onSubmit={(e) => void submit(e)} aria-label="Confirm two-factor setup">
          <TwoFactorCodeField
            id={codeId}
            value={code}
            error={codeError}
            onChange={(next) => {
              setCode(next);
              store.getState().clearCodeError();
            }}
          />
          <div className="two-factor-buttons">
            <button type="submit" className="button button--primary" disabled={busy || code.length !== 6}>
              Turn on
            </button>
            <button type="button" className="button" onClick={() => store.getState().cancelSetup()}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    </ol>
  );
}

function TurnOffButton({ store }: { store: TwoFactorStore }) {
  return (
    <div className="two-factor-actions">
      <button type="button" className="button button--ghost-danger" onClick={() => store.getState().startDisable()}>
        Turn off…
      </button>
    </div>
  );
}

function TurnOffForm({ store }: { store: TwoFactorStore }) {
  const codeError = useStore(store, (s) => s.codeError);
  const busy = useStore(store, (s) => s.busy);
  const [code, setCode] = useState('');
  const codeId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await store.getState().disable(code)) setCode('');
  };
  return (
    <form className="two-factor-code-form two-factor-turn-off" onSubmit={(e) => void submit(e)} aria-label="Turn off two-factor">
      <p className="muted small">Enter a current code to turn two-factor off. Payments at or above the threshold will then be blocked until you set it up again.</p>
      <TwoFactorCodeField
        id={codeId}
        value={code}
        error={codeError}
        autoFocus
        onChange={(next) => {
          setCode(next);
          store.getState().clearCodeError();
        }}
      />
      <div className="two-factor-buttons">
        <button type="submit" className="button button--danger" disabled={busy || code.length !== 6}>
          Turn off two-factor
        </button>
        <button type="button" className="button" onClick={() => store.getState().cancelDisable()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ThresholdForm({ store }: { store: TwoFactorStore }) {
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.thresholdError);
  const codeError = useStore(store, (s) => s.thresholdCodeError);
  const [draft, setDraft] = useSyncedDraft(status, (s) => String(s.thresholdUsd), '');
  const [code, setCode] = useState('');
  const codeId = useId();
  // Raising the amount lets bigger payments through without a code, so while 2FA is on it takes one.
  const raising = Boolean(status?.enabled) && draft.trim() !== '' && Number(draft) > (status?.thresholdUsd ?? 0);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await store.getState().saveThreshold(draft, raising ? code : undefined)) setCode('');
  };
  return (
    <form className="two-factor-threshold" aria-label="Two-factor threshold" onSubmit={(e) => void submit(e)}>
      <div className="inline-form">
        <Field label="Ask for a code from (USD)" error={error} hint="Payments from this amount need a code; 0 means all." className="two-factor-threshold-field">
          {(p) => (
            <input
              {...p}
              className="text-input"
              inputMode="decimal"
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                store.getState().clearThresholdError();
              }}
            />
          )}
        </Field>
        {!raising && (
          <button type="submit" className="button">
            Save
          </button>
        )}
      </div>
      {raising && (
        <div className="two-factor-code-form">
          <TwoFactorCodeField
            id={codeId}
            value={code}
            error={codeError}
            label="Code to raise the threshold"
            hint="Raising the threshold needs a current code from your authenticator app."
            onChange={(next) => {
              setCode(next);
              store.getState().clearCodeError();
            }}
          />
          <div className="two-factor-buttons">
            <button type="submit" className="button button--primary" disabled={code.length !== 6}>
              Save with code
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
