/**
 * Points the demo profile at the demo company's services: its mail server for email, its
 * calendar as the signed-in Google account (a grant seeded at the calendar, the tokens only in
 * the demo's keychain namespace), its HR system (the API key in the same namespace) and its
 * database file in the profile folder; and adds the company's people with their roles (and the
 * demo password, so anyone can switch to them). Run at every demo
 * start, because the services listen on new free ports each time; everything else in the profile
 * (conversations, workflow runs, audit) is kept.
 */
import path from 'node:path';
import { GOOGLE_FEATURE_SCOPES } from '../integrations/google/google-scopes.js';
import { writeGoogleTokens } from '../integrations/google/google-tokens.js';
import type { Core } from '../core-types.js';
import { DEMO_COMPANY, DEMO_HR_SENDER, DEMO_OWNER } from './demo-company.js';
import { DEMO_PROFILE } from './demo-mode.js';
import type { DemoServices } from './demo-services.js';
import { createSampleDatabase, SAMPLE_DATABASE_FILE } from './sample-database.js';
import { StewardError } from '../errors.js';
import { BAMBOOHR_API_KEY_ACCOUNT } from '../integrations/bamboohr/bamboohr-client.js';
import { seedDemoPeople } from './demo-people.js';
import { PermissionStore } from '../tools/permission-store.js';

/**
 * The onboarding's outside steps run without a second question once the Director has approved:
 * the demo's owner set them to "always" (Settings › Tool permissions shows it and can change it
 * back; a later choice is kept). Untrusted text in context still makes them ask (permission-policy.ts).
 */
export const DEMO_ALWAYS_ALLOWED_TOOLS = ['hris.createEmployee', 'email.send', 'calendar.create_event'] as const;

function allowWorkflowToolsAfterApproval(core: Core): void {
  const permissions = new PermissionStore(core.db.raw, () => core.clock.now());
  for (const tool of DEMO_ALWAYS_ALLOWED_TOOLS) if (permissions.get(tool) === null) permissions.set(tool, 'always');
}

export interface DemoSeedResult {
  sampleDatabase: string;
}

export async function seedDemoProfile(core: Core, services: DemoServices): Promise<DemoSeedResult> {
  // The one guard that keeps the demo out of a real profile, whatever called this.
  if (core.config.profile !== DEMO_PROFILE) throw new StewardError('invalid_input', `The demo only seeds its own profile "${DEMO_PROFILE}", not "${core.config.profile}". Nothing was changed.`);
  const actor = { actor: 'demo setup' };
  const sampleDatabase = path.join(core.paths.profileDir, SAMPLE_DATABASE_FILE);
  createSampleDatabase(sampleDatabase);
  await core.request(
    'settings.update',
    {
      patch: {
        integrations: {
          smtp: { host: services.inbox.host, port: services.inbox.port, security: 'none', user: null, from: DEMO_HR_SENDER.address, fromName: DEMO_HR_SENDER.name, timeoutSeconds: 15 },
          google: { clientId: services.calendar.clientId, features: { gmailSend: false, gmailRead: false, calendar: true }, timeZone: DEMO_COMPANY.timeZone },
          bamboohr: { companyDomain: services.hris.companyDomain, apiBaseUrl: services.hris.url, timeoutSeconds: 15 },
          sqlite: { path: sampleDatabase },
        },
      },
    },
    actor,
  );
  const scopes = ['openid', 'email', ...GOOGLE_FEATURE_SCOPES.calendar];
  const { refreshToken } = services.calendar.seedGrant(scopes);
  await writeGoogleTokens(core.secrets, { refreshToken, accessToken: null, expiryDate: null, scopes, email: DEMO_OWNER.email, needsReconnect: null });
  await core.secrets.set(BAMBOOHR_API_KEY_ACCOUNT, services.hris.apiKey);
  await seedDemoPeople(core);
  allowWorkflowToolsAfterApproval(core);
  return { sampleDatabase };
}
