import { useEffect } from 'react';
import { useStore } from 'zustand';
import { DashboardPage, InlineError, Notice } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { CloudCard } from './cloud-card.js';
import { ServiceCard } from './service-card.js';
import { ServicesOverview } from './services-overview.js';
import { SmtpCard } from './smtp-card.js';

/** Services whose settings have their own card; every other service gets the generic one. */
const DEDICATED_CARDS = new Set(['cloud', 'smtp']);

/** Integrations & keys: outside services, their settings, their secrets (write-only) and a live test. */
export function IntegrationsScreen() {
  const { settings, integrations } = useDashboards();
  const s = useStore(integrations);
  const saveError = useStore(settings, (st) => st.saveError);
  const fieldErrorCount = useStore(settings, (st) => Object.keys(st.fieldErrors).length);
  useEffect(() => {
    void settings.getState().load();
    void integrations.getState().load();
  }, [settings, integrations]);

  return (
    <DashboardPage title="Integrations & keys" description="Connect outside services. Passwords and keys go to your OS keychain and are never shown again.">
      <Notice floating text={s.notice} />
      {s.status && !s.status.keychain.available && <InlineError message={s.status.keychain.message ?? 'The OS keychain is not available, so secrets cannot be saved.'} />}
      <InlineError message={s.statusError} onRetry={() => void integrations.getState().load()} />
      {saveError && fieldErrorCount === 0 && <InlineError message={saveError} />}
      <ServicesOverview />
      <div className="dash-grid-2">
        <CloudCard />
        <SmtpCard />
        {s.status?.services
          .filter((service) => !DEDICATED_CARDS.has(service.id))
          .map((service) => <ServiceCard key={service.id} service={service} />)}
      </div>
    </DashboardPage>
  );
}
