import { useStore } from 'zustand';
import type { IntegrationEntry } from '../../../src-preload/schemas/integrations-api.js';
import { DashSection } from '../../ui/dashboard-page.js';
import { useDashboards } from '../../app/dashboards-context.js';
import { SecretField } from './secret-field.js';
import { StripeSettingsFields } from './stripe-settings-fields.js';
import { AccountSettingsFields } from './account-settings-fields.js';
import { ConnectionSettingsFields, isConnectionService } from './connection-settings-fields.js';
import { TestResult } from './test-result.js';

/** A service without a dedicated card: its keys (write-only), where to get each, and a live test. */
export function ServiceCard({ service }: { service: IntegrationEntry }) {
  const { integrations } = useDashboards();
  const errors = useStore(integrations, (s) => s.secretErrors);
  const test = useStore(integrations, (s) => s.tests[service.id]);
  return (
    <DashSection title={service.displayName}>
      {service.id === 'stripe' && <StripeSettingsFields />}
      {(service.id === 'google' || service.id === 'twilio') && <AccountSettingsFields service={service.id} />}
      {isConnectionService(service.id) && <ConnectionSettingsFields service={service.id} />}
      {service.secrets
        .filter((secret) => secret.userWritable)
        .map((secret) => (
          <div key={secret.account}>
            <SecretField
              label={secret.label}
              isSet={secret.set}
              error={errors[secret.account]?.value}
              onSave={(value) => integrations.getState().setSecret(secret.account, secret.label, value)}
              onRemove={() => integrations.getState().setSecret(secret.account, secret.label, null)}
            />
            <p className="muted small">{secret.hint}</p>
          </div>
        ))}
      <div className="row-actions row-actions--start">
        {service.connection === 'oauth2' && (
          <button type="button" className="button button--primary" onClick={() => void integrations.getState().connect(service.id)}>
            {service.state.state === 'not_set_up' && service.secrets.some((x) => !x.userWritable && x.set) ? 'Reconnect' : 'Connect'}
          </button>
        )}
        <button type="button" className="button" onClick={() => void integrations.getState().test(service.id)} disabled={test === 'running'}>
          Test connection
        </button>
      </div>
      <TestResult result={test} />
    </DashSection>
  );
}
