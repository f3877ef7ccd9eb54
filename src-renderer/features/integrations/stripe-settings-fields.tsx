import { useStore } from 'zustand';
import { useDashboards } from '../../app/dashboards-context.js';
import { Toggle } from '../../ui/form-controls.js';

/** Stripe's mode (test or live — shown at all times, never guessed from the key) and its webhook switch. */
export function StripeSettingsFields() {
  const { settings } = useDashboards();
  const stripe = useStore(settings, (s) => s.settings?.integrations.stripe);
  if (!stripe) return null;
  const setMode = (mode: 'test' | 'live') => void settings.getState().update({ integrations: { stripe: { mode } } });
  return (
    <div className="stripe-settings">
      <p className={stripe.mode === 'live' ? 'dash-error' : 'muted small'} role="status" data-testid="stripe-mode">
        {stripe.mode === 'live' ? 'Live mode: payments move real money.' : 'Test mode: no real money moves. Use a sk_test_ key.'}
      </p>
      <div className="row-actions row-actions--start" role="group" aria-label="Stripe mode">
        <button type="button" className={stripe.mode === 'test' ? 'button button--primary' : 'button'} aria-pressed={stripe.mode === 'test'} onClick={() => setMode('test')}>
          Test mode
        </button>
        <button type="button" className={stripe.mode === 'live' ? 'button button--primary' : 'button'} aria-pressed={stripe.mode === 'live'} onClick={() => setMode('live')}>
          Live mode
        </button>
      </div>
      <Toggle label="Receive Stripe webhooks on the local server (/webhooks/stripe)" checked={stripe.webhookEnabled} onChange={(webhookEnabled) => void settings.getState().update({ integrations: { stripe: { webhookEnabled } } })} />
    </div>
  );
}
