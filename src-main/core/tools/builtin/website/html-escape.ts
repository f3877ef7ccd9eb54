/** HTML escaping for text and attribute values: every piece of parameter text goes through here. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/**
 * Links a model may put in page text: web and mail links, phone numbers, in-page anchors and the
 * site's own pages. Anything else (javascript:, data:, file:, protocol-relative //host) is dropped.
 */
const SAFE_URL = /^(https?:\/\/[^\s<>"'`]+|mailto:[^\s<>"'`]+|tel:\+?[0-9 ()-]{3,30}|#[A-Za-z0-9_-]*|[a-z0-9][a-z0-9-]*\.html(#[A-Za-z0-9_-]*)?)$/i;

export function isSafeUrl(url: string): boolean {
  return SAFE_URL.test(url);
}
