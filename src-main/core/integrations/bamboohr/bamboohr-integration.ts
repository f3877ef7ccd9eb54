/**
 * BambooHR (the HRIS): company domain in integrations.bamboohr, the API key in the keychain. The
 * connection test reads who the key belongs to (changes nothing).
 */
import { BamboohrSettingsSchema } from '../../../../src-preload/schemas/bamboohr-settings.js';
import { StewardError } from '../../errors.js';
import { defineIntegration } from '../integration.js';
import { BAMBOOHR_API_KEY_ACCOUNT } from './bamboohr-client.js';
import { bamboohrClient, loadBamboohrSetup } from './bamboohr-config.js';

export const HRIS_TOOLS = ['hris.createEmployee', 'hris.directory', 'hris.timeOff'] as const;

export const bamboohrIntegration = defineIntegration({
  id: 'bamboohr',
  displayName: 'BambooHR (HRIS)',
  connection: 'api-key',
  secretAccounts: [{ account: BAMBOOHR_API_KEY_ACCOUNT, label: 'API key', hint: 'BambooHR → your name (top right) → API Keys → Add New Key.', required: true, userWritable: true }],
  settingsSchema: BamboohrSettingsSchema,
  settingsOf: (settings) => settings.integrations.bamboohr,
  tools: HRIS_TOOLS,
  async setupProblem({ settings, secrets }) {
    const setup = await loadBamboohrSetup(settings, secrets);
    return setup.ok ? null : setup.reason;
  },
  async test({ settings, secrets, signal }) {
    const setup = await loadBamboohrSetup(settings, secrets);
    if (!setup.ok) return { ok: false, message: setup.reason };
    try {
      const who = await bamboohrClient(setup).whoAmI(signal);
      return { ok: true, message: `Connected to BambooHR company "${setup.settings.companyDomain}" as ${who}.`, account: `${who} (${setup.settings.companyDomain})` };
    } catch (err) {
      return { ok: false, message: err instanceof StewardError ? err.userMessage : 'The BambooHR test failed for an unknown reason; see the log.' };
    }
  },
  facts: async ({ settings }) => (settings.integrations.bamboohr ? [{ label: 'Company', value: `${settings.integrations.bamboohr.companyDomain}.bamboohr.com` }] : []),
});
