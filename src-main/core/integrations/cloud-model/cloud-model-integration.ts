/**
 * The optional cloud model (any OpenAI-compatible endpoint): settings under llm.cloud, the key in
 * the keychain. The test lists the endpoint's models through the openai SDK and checks the
 * configured one is among them. It provides no tools: the model router uses it.
 */
import OpenAI from 'openai';
import { z } from 'zod';
import { CLOUD_API_KEY_ACCOUNT } from '../../llm/openai/openai-provider.js';
import { cloudKeyAccount } from '../../llm/openai/cloud-key-account.js';
import { redactText } from '../../security/redaction.js';
import { defineIntegration, type IntegrationContext, type IntegrationTestResult } from '../integration.js';
import { timeoutAsResult } from '../../async/with-timeout.js';
import { readSecret } from '../read-secret.js';

export const cloudModelIntegration = defineIntegration({
  id: 'cloud',
  displayName: 'Cloud model (OpenAI-compatible)',
  connection: 'api-key',
  secretAccounts: [{ account: CLOUD_API_KEY_ACCOUNT, label: 'API key', hint: "Your provider's API key (OpenAI: platform.openai.com → API keys). Local servers such as Ollama accept any text.", required: true, userWritable: true }],
  // Its settings live with the model router (llm.cloud) and are validated by the settings schema; these are the fields the test reads.
  settingsSchema: z.object({ baseUrl: z.url(), model: z.string().min(1), timeoutSeconds: z.number().int().min(1) }),
  settingsOf: (settings) => settings.llm.cloud,
  tools: [],
  async setupProblem({ settings, secrets }) {
    const secret = await readSecret(secrets, cloudKeyAccount(settings.llm.cloud), 'cloud API key');
    if (!secret.ok) return secret.message;
    return secret.value === null ? 'No cloud API key is set: paste your key and save it.' : null;
  },
  test: testCloud,
});

interface OpenAiErrorLike {
  status?: number;
}

export async function testCloud({ settings, secrets }: IntegrationContext): Promise<IntegrationTestResult> {
  const cloud = settings.llm.cloud;
  const secret = await readSecret(secrets, cloudKeyAccount(cloud), 'cloud API key');
  if (!secret.ok) return { ok: false, message: secret.message };
  if (secret.value === null) return { ok: false, message: 'No cloud API key is set. Paste your key and save it, then test again.' };
  const apiKey = secret.value;
  const ms = cloud.timeoutSeconds * 1000;
  const client = new OpenAI({ baseURL: cloud.baseUrl, apiKey, organization: null, project: null, maxRetries: 0, timeout: ms, logLevel: 'off' });
  const scrub = (text: string) => redactText(text.split(apiKey).join('[redacted]'));
  try {
    const outcome = await timeoutAsResult(async (signal) => {
      const ids: string[] = [];
      for await (const model of client.models.list({ signal })) {
        ids.push(model.id);
        if (ids.length >= 1000) break;
      }
      return ids;
    }, ms);
    if (outcome === 'timeout') return { ok: false, message: `${cloud.baseUrl} did not answer within ${cloud.timeoutSeconds} seconds. Check the base URL and your connection.` };
    const found = outcome.includes(cloud.model)
      ? ` The model "${cloud.model}" is available.`
      : ` The model "${cloud.model}" was not in its list — check the model name.`;
    const ok = outcome.includes(cloud.model);
    return { ok, message: `Connected to ${cloud.baseUrl}: ${outcome.length} model${outcome.length === 1 ? '' : 's'} listed.${found}`, ...(ok && { account: `${cloud.model} at ${hostOf(cloud.baseUrl)}` }) };
  } catch (err) {
    const status = (err as OpenAiErrorLike).status;
    if (status === 401 || status === 403) return { ok: false, message: `${cloud.baseUrl} refused the API key (HTTP ${status}). Check the key and paste it again.` };
    if (status === 404) return { ok: false, message: `${cloud.baseUrl} has no /models endpoint (HTTP 404). Check the base URL — it usually ends in /v1.` };
    if (status === 429) return { ok: false, message: `${cloud.baseUrl} is rate-limiting this key (HTTP 429). Wait a minute and test again.` };
    if (typeof status === 'number') return { ok: false, message: `${cloud.baseUrl} answered with an error (HTTP ${status}). Try again later.` };
    const detail = err instanceof Error ? scrub(err.message) : 'unknown error';
    return { ok: false, message: `Could not reach ${cloud.baseUrl} (${detail}). Check the base URL and your connection.` };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
