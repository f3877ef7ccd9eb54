/**
 * The generic side of the integrations contract: status of every service in INTEGRATIONS, secrets
 * only for accounts a service declares as user-writable (never the database key or a token only
 * the service itself writes), a live test, and disconnect. Each service sees a keychain scoped to
 * its own accounts. The last test result per service is kept in memory (per core) until the
 * service's settings or secrets change.
 */
import type { Settings } from '../../../src-preload/contract.js';
import type { IntegrationEntry, IntegrationState, IntegrationsTestResult } from '../../../src-preload/schemas/integrations-api.js';
import { ValidationError } from '../errors.js';
import type { SecretStore } from '../ports.js';
import { scopedSecretStore } from '../security/scoped-secret-store.js';
import type { Integration, IntegrationContext } from './integration.js';

interface Remembered {
  fingerprint: string;
  result: IntegrationsTestResult & { account?: string };
}

export class IntegrationService {
  private readonly lastTests = new Map<string, Remembered>();

  constructor(
    private readonly integrations: readonly Integration[],
    private readonly deps: { secrets: SecretStore; settings: () => Settings },
  ) {}

  async status(): Promise<IntegrationEntry[]> {
    return Promise.all(this.integrations.map((integration) => this.entry(integration)));
  }

  async entry(integration: Integration): Promise<IntegrationEntry> {
    const context = this.contextFor(integration);
    const secrets = await Promise.all(
      integration.secretAccounts.map(async (spec) => ({ account: spec.account, label: spec.label, hint: spec.hint, required: spec.required, userWritable: spec.userWritable, set: await isSet(context.secrets, spec.account) })),
    );
    const facts = integration.facts ? (await integration.facts(context)).map((f) => ({ label: f.label, value: f.value, tone: f.tone ?? 'neutral' })) : [];
    return { id: integration.id, displayName: integration.displayName, connection: integration.connection, state: await this.stateOf(integration, context, secrets), secrets, facts, tools: [...integration.tools] };
  }

  /** Stores or removes a secret the named account's service declares as user-writable. */
  async setSecret(account: string, value: string | null): Promise<{ stored: boolean }> {
    const owner = this.integrations.find((i) => i.secretAccounts.some((s) => s.account === account && s.userWritable));
    if (!owner) {
      const allowed = this.integrations.flatMap((i) => i.secretAccounts.filter((s) => s.userWritable).map((s) => s.account));
      throw new ValidationError('secret', [{ path: 'account', message: `must be one of: ${allowed.join(', ')}` }]);
    }
    const secrets = this.contextFor(owner).secrets;
    if (value === null) await secrets.delete(account);
    else await secrets.set(account, value);
    this.lastTests.delete(owner.id);
    return { stored: value !== null };
  }

  async test(id: string): Promise<IntegrationsTestResult> {
    const integration = this.find(id);
    const context = this.contextFor(integration);
    const result = await integration.test(context);
    this.lastTests.set(id, { fingerprint: await this.fingerprint(integration, context), result });
    return { ok: result.ok, message: result.message };
  }

  /** Revokes where the service can (OAuth), then deletes every secret it owns from the keychain. */
  async disconnect(id: string): Promise<{ removed: string[]; service: IntegrationEntry }> {
    const integration = this.find(id);
    const context = this.contextFor(integration);
    await integration.beforeDisconnect?.(context);
    const removed: string[] = [];
    for (const spec of integration.secretAccounts) if (await context.secrets.delete(spec.account)) removed.push(spec.account);
    this.lastTests.delete(id);
    return { removed, service: await this.entry(integration) };
  }

  find(id: string): Integration {
    const integration = this.integrations.find((i) => i.id === id);
    if (!integration) throw new ValidationError('service', [{ path: 'service', message: `must be one of: ${this.integrations.map((i) => i.id).join(', ')}` }]);
    return integration;
  }

  contextFor(integration: Integration): IntegrationContext {
    return { secrets: scopedSecretStore(this.deps.secrets, `The ${integration.displayName} integration`, integration.secretAccounts.map((s) => s.account)), settings: this.deps.settings() };
  }

  private async stateOf(integration: Integration, context: IntegrationContext, secrets: { set: boolean }[]): Promise<IntegrationState> {
    const problem = await integration.setupProblem(context);
    if (problem) return { state: 'not_set_up', reason: problem };
    const last = this.lastTests.get(integration.id);
    if (!last || last.fingerprint !== (await this.fingerprint(integration, context, secrets))) return { state: 'untested' };
    return last.result.ok ? { state: 'connected', account: last.result.account ?? 'connected' } : { state: 'error', reason: last.result.message };
  }

  /** What a test result depends on: the service's settings and which of its secrets are present. */
  private async fingerprint(integration: Integration, context: IntegrationContext, secrets?: { set: boolean }[]): Promise<string> {
    const present = secrets ?? (await Promise.all(integration.secretAccounts.map(async (s) => ({ set: await isSet(context.secrets, s.account) }))));
    return JSON.stringify([integration.settingsOf(context.settings), present.map((s) => s.set)]);
  }
}

async function isSet(secrets: SecretStore, account: string): Promise<boolean> {
  try {
    const value = await secrets.get(account);
    return value !== null && value.trim() !== '';
  } catch {
    return false;
  }
}
