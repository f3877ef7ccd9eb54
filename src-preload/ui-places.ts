/**
 * Every place in the app a message may send the user to, written the way messages write it
 * ("Models › Local API server"): a screen, or a screen and one of its sections. The renderer
 * turns these phrases into links to the screen (place-links.ts), and a test checks that every
 * pointer in Steward's own messages names one of these and that following each one lands on a
 * screen with that heading and section. Plain data: the core, the preload and the renderer share it.
 */
export interface UiPlace {
  /** The screen's route in the URL fragment. */
  route: string;
  /** The screen's heading (which may say more than its name: "Integrations & keys"). */
  screen: string;
  /** The section's heading on that screen, when the place is a section. */
  section?: string;
}

const screen = (name: string, route: string, sections: readonly string[], heading = name): [string, UiPlace][] => [
  [name, { route, screen: heading }],
  ...sections.map((section): [string, UiPlace] => [`${name} › ${section}`, { route, screen: heading, section }]),
];

export const UI_PLACES: Readonly<Record<string, UiPlace>> = Object.fromEntries([
  ...screen('Models', '#/models', ['This computer', 'Installed', 'Catalog', 'Hugging Face', 'Cloud providers', 'Engine', 'Local API server', 'Image input']),
  ...screen('Integrations', '#/integrations', ['Services', 'Cloud model', 'Email (SMTP)', 'Stripe', 'Google', 'SMS (Twilio)', 'SQLite database', 'PostgreSQL database', 'MySQL/MariaDB database', 'BambooHR (HRIS)'], 'Integrations & keys'),
  ...screen('Payments', '#/payments', ['Limits', 'Ledger']),
  ...screen('Settings', '#/settings', ['Where your data lives', 'Appearance', 'Budgets', 'Agent', 'Quick command', 'Notifications', 'Chat', 'Tool permissions', 'Security', 'People']),
  ...screen('Memory', '#/memory', ['At a glance', 'Learning']),
  ...screen('Router', '#/router', ['Local vs cloud', 'Cloud spend']),
  ...screen('Audit', '#/audit', [], 'Audit log'),
  ...screen('Workflows', '#/workflows', ['Waiting for you', 'Start a workflow', 'Add a workflow', 'Runs']),
]);

/** The screens a pointer can start with. */
export const UI_SCREENS = ['Models', 'Integrations', 'Payments', 'Settings', 'Memory', 'Router', 'Audit', 'Workflows'] as const;
