/**
 * Which links may leave the app for the OS browser. Plain module. Only http(s) URLs without
 * embedded credentials qualify: file:, javascript:, custom protocol handlers (which can launch
 * local programs) and anything unparsable stay inside and are dropped.
 */
export function isSafeExternalUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  return url.hostname.length > 0;
}
