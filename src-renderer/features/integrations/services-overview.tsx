import './integrations.css';
import { useStore } from 'zustand';
import type { IntegrationEntry } from '../../../src-preload/schemas/integrations-api.js';
import { DashSection } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';

/** Every outside service with its state at a glance: not set up, connected as …, or the error; test and disconnect from here. */
export function ServicesOverview() {
  const { integrations } = useDashboards();
  const services = useStore(integrations, (s) => s.status?.services);
  const tests = useStore(integrations, (s) => s.tests);
  if (!services) return null;
  return (
    <DashSection title="Services">
      <ul className="service-list" aria-label="Services">
        {services.map((service) => (
          <li key={service.id} className="service-row" data-service={service.id}>
            <span className="service-name">{service.displayName}</span>
            <StateChip service={service} />
            {service.facts.map((fact) => (
              <span key={fact.label} className={fact.tone === 'warning' ? 'chip chip--warn' : 'chip'} data-testid={`fact-${service.id}-${fact.label}`} title={fact.label}>
                {fact.value}
              </span>
            ))}
            <span className="service-actions">
              <button type="button" className="button" disabled={service.state.state === 'not_set_up' || tests[service.id] === 'running'} onClick={() => void integrations.getState().test(service.id)}>
                Test
              </button>
              {service.secrets.some((s) => s.set) && (
                <button type="button" className="button button--ghost-danger" onClick={() => void integrations.getState().disconnect(service.id, service.displayName)}>
                  Disconnect
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </DashSection>
  );
}

function StateChip({ service }: { service: IntegrationEntry }) {
  const state = service.state;
  switch (state.state) {
    case 'connected':
      return <span className="chip chip--ok" data-testid={`state-${service.id}`}>Connected as {state.account}</span>;
    case 'error':
      return (
        <span className="chip chip--result-error" data-testid={`state-${service.id}`} title={state.reason}>
          Error: {state.reason}
        </span>
      );
    case 'untested':
      return <span className="chip" data-testid={`state-${service.id}`}>Set up — not tested yet</span>;
    default:
      return (
        <span className="chip chip--warn" data-testid={`state-${service.id}`} title={state.reason}>
          Not set up: {state.reason}
        </span>
      );
  }
}
