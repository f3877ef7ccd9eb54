import type { SamplingPresetId } from '../../../src-preload/contract.js';

/** The numbers behind each preset; the same as SAMPLING_PRESETS in the contract (the renderer imports only types from it). */
const PRESET_VALUES: Record<SamplingPresetId, { temperature: number; topP: number }> = {
  precise: { temperature: 0.2, topP: 0.8 },
  balanced: { temperature: 0.7, topP: 0.95 },
  creative: { temperature: 1.1, topP: 1 },
};

export const PRESET_CHOICES: readonly { id: SamplingPresetId | 'custom'; label: string; hint: string }[] = [
  { id: 'precise', label: 'Precise', hint: 'focused, repeatable answers' },
  { id: 'balanced', label: 'Balanced', hint: 'the default' },
  { id: 'creative', label: 'Creative', hint: 'more varied wording and ideas' },
  { id: 'custom', label: 'Custom', hint: 'the numbers below' },
];

export function presetOf(id: SamplingPresetId | 'custom'): { temperature: number; topP: number } | null {
  return id === 'custom' ? null : PRESET_VALUES[id];
}
