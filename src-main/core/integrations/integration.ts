/**
 * One `Integration` descriptor per outside service (DESIGN §1). The contract's integration
 * methods (`integrations.status`, `integrations.setSecret`, `integrations.test`,
 * `integrations.disconnect`) are generic over these descriptors, so no screen or handler names a
 * service.
 *
 * How to add a service (e.g. "acme"):
 *  1. src-main/core/integrations/acme/: the client wrapping acme's official SDK (typed errors
 *     mapped from the SDK's own via integration-errors.ts, retries only where acme's docs say a
 *     call is safe to retry, an idempotency key on every create) and `acme-integration.ts`
 *     exporting `acmeIntegration: Integration` — knows no tool, approval or agent.
 *  2. Its tools in src-main/core/tools/builtin/acme/, each declaring `credentialAccounts` (the
 *     runner hands a tool only those keychain accounts) and listed in the descriptor's `tools`.
 *  3. Append the descriptor to INTEGRATIONS in ./index.ts. Non-secret settings go in
 *     src-preload/schemas/integrations.ts under `integrations.<id>`.
 * Nothing else changes: the Integrations screen lists it, setSecret accepts its accounts (and
 * only declared accounts — never the database key), test and disconnect work.
 */
import type { z } from 'zod';
import type { Settings } from '../../../src-preload/contract.js';
import type { SecretStore } from '../ports.js';

/** How the user connects: paste a key (api-key) or sign in through the browser (oauth2). */
export type ConnectionKind = 'api-key' | 'oauth2';

/** A keychain account the integration owns; the UI may write it (api-key) or the OAuth flow does. */
export interface SecretAccountSpec {
  /** Keychain account name, "<integration id>.<what>" (e.g. 'stripe.secretKey'). */
  account: string;
  /** Field label on the Integrations screen ("Secret key"). */
  label: string;
  /** One line saying where the user gets it ("Stripe Dashboard → Developers → API keys"). */
  hint: string;
  /** Needed before the service works (an optional one, such as a webhook signing secret, is not). */
  required: boolean;
  /** false for secrets only the integration itself writes (OAuth tokens): setSecret refuses them. */
  userWritable: boolean;
}

/** What the screen shows for a service. */
export type IntegrationState =
  | { state: 'not_set_up'; reason: string }
  | { state: 'connected'; account: string }
  | { state: 'error'; reason: string };

/** A connection test's answer, for the user: never contains a secret. */
export interface IntegrationTestResult {
  ok: boolean;
  message: string;
  /** Who we are connected as when ok ("acct_123 (Acme Inc.)", "ann@example.com"). */
  account?: string;
}

/** A fact the screen shows at all times next to the state, e.g. Stripe's { label: 'Mode', value: 'Test mode' }. */
export interface IntegrationFact {
  label: string;
  value: string;
  tone?: 'neutral' | 'warning';
}

export interface IntegrationContext {
  /** Scoped to this integration's declared accounts: reading any other account fails. */
  secrets: SecretStore;
  settings: Settings;
  signal?: AbortSignal;
}

export interface Integration {
  /** Stable id used in the API and settings ('stripe', 'smtp', 'google'). */
  id: string;
  displayName: string;
  connection: ConnectionKind;
  secretAccounts: readonly SecretAccountSpec[];
  /** Schema of its non-secret settings, validated where they are read. */
  settingsSchema: z.ZodType;
  /** Its raw settings (null when none saved), e.g. settings.integrations.stripe. */
  settingsOf(settings: Settings): unknown;
  /** Names of the tools it provides (tools live in tools/builtin/<id>/; integrations never import them). */
  tools: readonly string[];
  /** Local check, no network: returns a not_set_up reason naming the missing piece, or null when ready to test. */
  setupProblem(context: IntegrationContext): Promise<string | null>;
  /** A live, read-only call to the service ("connected as …" / the reason it failed). */
  test(context: IntegrationContext): Promise<IntegrationTestResult>;
  /** Shown at all times when present (Stripe: test or live mode). */
  facts?(context: IntegrationContext): Promise<IntegrationFact[]>;
  /** Extra work before the secrets are deleted on disconnect (OAuth: revoke the token). */
  beforeDisconnect?(context: IntegrationContext): Promise<void>;
  /**
   * oauth2 only: starts the browser sign-in and returns the consent page to open; `finished`
   * settles when the user is done (or gave up), with what the screen should say.
   */
  startConnect?(context: IntegrationContext): Promise<{ authUrl: string; finished: Promise<IntegrationTestResult> }>;
}

/** Identity helper that checks a descriptor against the type where it is written. */
export function defineIntegration(integration: Integration): Integration {
  return integration;
}
