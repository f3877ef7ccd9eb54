/**
 * Least scopes per feature: Steward asks Google only for what the features the user turned on
 * need, plus "openid email" to know which account it is connected to.
 */
export type GoogleFeature = 'gmailSend' | 'gmailRead' | 'calendar';

export const GOOGLE_FEATURE_SCOPES: Record<GoogleFeature, readonly string[]> = {
  gmailSend: ['https://www.googleapis.com/auth/gmail.send'],
  gmailRead: ['https://www.googleapis.com/auth/gmail.readonly'],
  calendar: ['https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar.freebusy'],
};

export const GOOGLE_FEATURE_NAMES: Record<GoogleFeature, string> = {
  gmailSend: 'Gmail sending',
  gmailRead: 'Gmail reading',
  calendar: 'Calendar',
};

const IDENTITY_SCOPES = ['openid', 'email'];

export function scopesFor(features: Record<GoogleFeature, boolean>): string[] {
  const scopes = new Set(IDENTITY_SCOPES);
  for (const [feature, on] of Object.entries(features) as [GoogleFeature, boolean][]) if (on) for (const s of GOOGLE_FEATURE_SCOPES[feature]) scopes.add(s);
  return [...scopes];
}

/** Whether the granted scopes cover a feature (Google may grant fewer than asked: the user can untick boxes). */
export function grantsFeature(granted: readonly string[], feature: GoogleFeature): boolean {
  return GOOGLE_FEATURE_SCOPES[feature].every((scope) => granted.includes(scope));
}
