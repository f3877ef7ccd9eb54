/**
 * The local server's bearer token reaches the browser in the link the server prints
 * (`http://127.0.0.1:7420/chat/#token=…`). The fragment never goes over the network; we read it
 * once, keep it in sessionStorage (gone when the tab closes) and scrub it from the address bar
 * so it is not left in history, screenshots or a copied URL.
 */
export const TOKEN_STORAGE_KEY = 'steward.server-token';

export interface LocationLike {
  readonly hash: string;
  readonly pathname: string;
  readonly search: string;
}
export interface HistoryLike {
  readonly state: unknown;
  replaceState(data: unknown, unused: string, url?: string): void;
}
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
export interface TokenEnvironment {
  location: LocationLike;
  history: HistoryLike;
  storage: StorageLike;
}

const TOKEN_PARAM = /(^|[#&?])token=([^&]*)/;
const TOKEN_SHAPE = /^[A-Za-z0-9._~+/=-]{8,512}$/;

/** Moves a token from the URL fragment into session storage; returns the token to use, if any. */
export function takeTokenFromUrl(env: TokenEnvironment): string | null {
  const match = TOKEN_PARAM.exec(env.location.hash);
  if (match) {
    const fromUrl = safeDecode(match[2] ?? '');
    const rest = env.location.hash.replace(TOKEN_PARAM, '$1').replace(/[#&?]+$/, '').replace(/^#&/, '#');
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest === '#' ? '' : rest}`);
    if (fromUrl && TOKEN_SHAPE.test(fromUrl)) {
      env.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
      return fromUrl;
    }
  }
  return env.storage.getItem(TOKEN_STORAGE_KEY);
}

/**
 * Accepts what a person is likely to paste: the bare token, the whole printed link, or the
 * `#token=…` part. Returns null when nothing in it looks like a token.
 */
export function parseTokenInput(text: string): string | null {
  const trimmed = text.trim();
  const match = TOKEN_PARAM.exec(trimmed);
  const candidate = match ? safeDecode(match[2] ?? '') : trimmed;
  return TOKEN_SHAPE.test(candidate) ? candidate : null;
}

export function saveToken(storage: StorageLike, token: string): void {
  storage.setItem(TOKEN_STORAGE_KEY, token);
}

export function forgetToken(storage: StorageLike): void {
  storage.removeItem(TOKEN_STORAGE_KEY);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
