import { useEffect } from 'react';
import { useStore } from 'zustand';
import { DashSection } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { Field } from '../../ui/form-controls.js';
import { useSyncedDraft } from '../../ui/use-synced-draft.js';

/** The payment limits (plain code enforces them; the assistant cannot change them): per payment, per day, per month, count per day, alert share. */
export function PaymentLimitsCard() {
  const { settings } = useDashboards();
  const limits = useStore(settings, (s) => s.settings?.payments);
  const errors = useStore(settings, (s) => s.fieldErrors);
  useEffect(() => {
    if (!settings.getState().settings) void settings.getState().load();
  }, [settings]);
  const [draft, setDraft] = useSyncedDraft(
    limits,
    (l) => ({ perPaymentUsd: String(l.perPaymentUsd), dailyUsd: String(l.dailyUsd), monthlyUsd: String(l.monthlyUsd), maxPerDay: String(l.maxPerDay), alertAtPercent: String(l.alertAtPercent), rates: JSON.stringify(l.usdPerUnit) }),
    { perPaymentUsd: '', dailyUsd: '', monthlyUsd: '', maxPerDay: '', alertAtPercent: '', rates: '' },
  );
  if (!limits) return null;
  const num = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : (text as never));
  const rates = (() => {
    try {
      return JSON.parse(draft.rates) as Record<string, number>;
    } catch {
      return draft.rates as never;
    }
  })();
  const field = (key: keyof typeof draft, label: string) => (
    <Field label={label} error={errors[key === 'rates' ? 'payments.usdPerUnit' : `payments.${key}`]}>
      {(p) => <input {...p} className="text-input" inputMode={key === 'rates' ? 'text' : 'decimal'} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <DashSection title="Limits">
      <p className="muted small">Steward refuses a payment that would cross any of these, before asking you. At the alert share you get a notification and a notice in the chat.</p>
      <form
        className="form-grid"
        aria-label="Payment limits"
        onSubmit={(e) => {
          e.preventDefault();
          void settings.getState().update({
            payments: { perPaymentUsd: num(draft.perPaymentUsd), dailyUsd: num(draft.dailyUsd), monthlyUsd: num(draft.monthlyUsd), maxPerDay: num(draft.maxPerDay), alertAtPercent: num(draft.alertAtPercent), usdPerUnit: rates },
          });
        }}
      >
        {field('perPaymentUsd', 'Largest single payment (USD)')}
        {field('dailyUsd', 'Payments per day (USD)')}
        {field('monthlyUsd', 'Payments per month (USD)')}
        {field('maxPerDay', 'Number of payments per day')}
        {field('alertAtPercent', 'Alert at (% of a limit)')}
        {field('rates', 'USD per unit of other currencies, e.g. {"usd":1,"eur":1.08}')}
        <div className="form-actions">
          <button type="submit" className="button">
            Save limits
          </button>
        </div>
      </form>
    </DashSection>
  );
}
