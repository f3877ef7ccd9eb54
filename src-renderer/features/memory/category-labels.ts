import type { FactCategory } from '../../../src-preload/contract.js';

// Mirrors FACT_CATEGORIES in the contract; the renderer imports only types from it.
export const CATEGORIES: readonly FactCategory[] = ['company_info', 'team_members', 'preferences', 'projects', 'integrations', 'other'];

export const CATEGORY_LABELS: Record<FactCategory, string> = {
  company_info: 'Company',
  team_members: 'Team',
  preferences: 'Preferences',
  projects: 'Projects',
  integrations: 'Integrations',
  other: 'Other',
};
