/**
 * The connected HRIS for the hris.* tools. BambooHR is the one implemented; another vendor is one
 * more branch here (and one more integration), the tools stay as they are.
 */
import type { Settings } from '../../../../../src-preload/contract.js';
import { BAMBOOHR_API_KEY_ACCOUNT } from '../../../integrations/bamboohr/bamboohr-client.js';
import { bamboohrClient, loadBamboohrSetup } from '../../../integrations/bamboohr/bamboohr-config.js';
import type { Hris } from '../../../integrations/hris/hris.js';
import type { SecretStore } from '../../../ports.js';
import { ToolNotConfiguredError } from '../tool-errors.js';

export const HRIS_CREDENTIALS = [BAMBOOHR_API_KEY_ACCOUNT] as const;

export interface HrisToolDeps {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  retryBaseDelayMs?: number;
}

export async function connectedHris(settings: Settings, secrets: SecretStore, deps: HrisToolDeps = {}): Promise<Hris> {
  const setup = await loadBamboohrSetup(settings, secrets);
  if (!setup.ok) throw new ToolNotConfiguredError('The HR system (BambooHR)', setup.reason);
  return bamboohrClient(setup, deps);
}

export async function hrisConfigured(settings: Settings, secrets: SecretStore): Promise<{ ok: true } | { ok: false; reason: string }> {
  const setup = await loadBamboohrSetup(settings, secrets);
  return setup.ok ? { ok: true } : { ok: false, reason: setup.reason };
}
