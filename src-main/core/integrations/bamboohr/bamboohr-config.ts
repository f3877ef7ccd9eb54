/**
 * Reads the BambooHR settings and API key, with the fix for whatever is missing; builds the
 * client. Used by the integration's status and test and by the hris.* tools alike.
 */
import { BamboohrSettingsSchema, type BamboohrSettings } from '../../../../src-preload/schemas/bamboohr-settings.js';
import type { Settings } from '../../../../src-preload/contract.js';
import type { SecretStore } from '../../ports.js';
import { zodIssues } from '../../validation.js';
import { readSecret } from '../read-secret.js';
import { BAMBOOHR_API_KEY_ACCOUNT, BamboohrClient, type BamboohrClientOptions } from './bamboohr-client.js';
import { BAMBOOHR_SETUP_PLACE } from './bamboohr-errors.js';

export type BamboohrSetup = { ok: true; settings: BamboohrSettings; apiKey: string } | { ok: false; reason: string };

export async function loadBamboohrSetup(settings: Settings, secrets: SecretStore): Promise<BamboohrSetup> {
  const raw = settings.integrations.bamboohr;
  if (raw === null || raw === undefined) return { ok: false, reason: `BambooHR is not set up: enter your company domain in ${BAMBOOHR_SETUP_PLACE}.` };
  const parsed = BamboohrSettingsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `The BambooHR settings are incomplete: ${zodIssues(parsed.error).map((i) => `${i.path || '(settings)'} ${i.message}`).join('; ')}. Fix them in ${BAMBOOHR_SETUP_PLACE}.` };
  const key = await readSecret(secrets, BAMBOOHR_API_KEY_ACCOUNT, 'BambooHR API key');
  if (!key.ok) return { ok: false, reason: key.message };
  if (key.value === null) return { ok: false, reason: `The BambooHR API key is not set: create one in BambooHR (your name → API Keys) and paste it in ${BAMBOOHR_SETUP_PLACE}.` };
  return { ok: true, settings: parsed.data, apiKey: key.value };
}

export function bamboohrClient(setup: Extract<BamboohrSetup, { ok: true }>, options: Pick<BamboohrClientOptions, 'sleep' | 'retryBaseDelayMs'> = {}): BamboohrClient {
  return new BamboohrClient({ apiBaseUrl: setup.settings.apiBaseUrl, companyDomain: setup.settings.companyDomain, apiKey: setup.apiKey, timeoutMs: setup.settings.timeoutSeconds * 1000, ...options });
}
