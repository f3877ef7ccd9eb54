/**
 * Request handlers of the Integrations & keys screen, generic over INTEGRATIONS
 * (src-main/core/integrations/index.ts): status of every service, secrets (presence only —
 * values never leave the keychain, DESIGN §4.4) for declared accounts only, a live test and
 * disconnect. The core's one IntegrationService (HandlerDeps.integrations) keeps the last test results.
 */
import type { z } from 'zod';
import type { IntegrationsConnectInputSchema, IntegrationsDisconnectInputSchema, IntegrationsSetSecretInputSchema, IntegrationsStatus, IntegrationsTestInputSchema } from '../../../../src-preload/schemas/integrations-api.js';
import { CLOUD_API_KEY_ACCOUNT } from '../../llm/openai/openai-provider.js';
import { SMTP_PASSWORD_ACCOUNT } from '../../integrations/smtp/smtp-config.js';
import { StewardError } from '../../errors.js';
import { handlersUsing } from '../handler.js';

const { async } = handlersUsing<'core' | 'integrations'>();

export const integrationsHandlers = {
  'integrations.status': async(async (_input: Record<string, never>, { core, integrations }): Promise<IntegrationsStatus> => {
    const [keychain, services] = await Promise.all([core.secrets.status(), integrations.status()]);
    const isSet = (account: string) => services.some((s) => s.secrets.some((x) => x.account === account && x.set));
    return { services, cloudKeySet: isSet(CLOUD_API_KEY_ACCOUNT), smtpPasswordSet: isSet(SMTP_PASSWORD_ACCOUNT), keychain };
  }),
  'integrations.setSecret': async((input: z.output<typeof IntegrationsSetSecretInputSchema>, { integrations }) => integrations.setSecret(input.account, input.value)),
  'integrations.test': async((input: z.output<typeof IntegrationsTestInputSchema>, { integrations }) => integrations.test(input.service)),
  'integrations.disconnect': async((input: z.output<typeof IntegrationsDisconnectInputSchema>, { integrations }) => integrations.disconnect(input.service)),
  'integrations.connect': async(async (input: z.output<typeof IntegrationsConnectInputSchema>, { core, integrations: service }) => {
    const integration = service.find(input.service);
    if (!integration.startConnect) throw new StewardError('invalid_input', `${integration.displayName} connects with its keys, not a browser sign-in: enter them on its card in Integrations.`);
    const started = await integration.startConnect(service.contextFor(integration));
    void started.finished.then(async (result) => {
      // A finished sign-in is tested at once, so the screen shows "connected as …" (or why not).
      const tested = result.ok ? await service.test(integration.id).catch(() => result) : result;
      core.events.emit({ type: 'notification', level: tested.ok ? 'success' : 'error', title: tested.ok ? `${integration.displayName} connected` : `${integration.displayName} not connected`, body: tested.ok ? result.message : tested.message });
    });
    return { authUrl: started.authUrl };
  }),
};
