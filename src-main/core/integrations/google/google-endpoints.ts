/**
 * Where Google is. By default Google itself; STEWARD_GOOGLE_API_URL replaces the API root
 * (googleapis' rootUrl, for both Gmail and Calendar) and STEWARD_GOOGLE_OAUTH_URL the OAuth
 * endpoints (<base>/o/oauth2/v2/auth, <base>/token, <base>/revoke) — for the local fake in tests.
 */
export interface GoogleEndpoints {
  /** googleapis rootUrl, or undefined for each API's own host. */
  apiRootUrl: string | undefined;
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
}

export function googleEndpoints(env: NodeJS.ProcessEnv = process.env): GoogleEndpoints {
  const api = env.STEWARD_GOOGLE_API_URL?.trim();
  const oauth = env.STEWARD_GOOGLE_OAUTH_URL?.trim().replace(/\/+$/, '');
  return {
    apiRootUrl: api ? `${api.replace(/\/+$/, '')}/` : undefined,
    authUrl: oauth ? `${oauth}/o/oauth2/v2/auth` : 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: oauth ? `${oauth}/token` : 'https://oauth2.googleapis.com/token',
    revokeUrl: oauth ? `${oauth}/revoke` : 'https://oauth2.googleapis.com/revoke',
  };
}
