import { isPlaceRoute } from '../place-links.js';
import { citedPassageId } from '../../knowledge/citation-href.js';

/**
 * Which link targets a model's Markdown may carry. A reply is untrusted text (DESIGN §4.2): a
 * `javascript:` or `data:` link would run or smuggle content at a click, so anything that is not
 * plainly http(s) or mailto is dropped and the link text is shown without a link.
 */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export function safeLinkHref(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so they
  // are removed before the check, exactly as the browser would read the URL.
  // eslint-disable-next-line no-control-regex
  const cleaned = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (cleaned === '') return null;
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    // Relative links have no meaning in a chat bubble (they would resolve against the app itself).
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && !url.hostname) return null;
  return url.href;
}

/** react-markdown's urlTransform: unsafe URLs become empty and the link renderer shows plain text. */
export function markdownUrlTransform(url: string): string {
  // Places of the app and knowledge citations (#/knowledge?passage=<id>) open inside the app.
  if (isPlaceRoute(url) || citedPassageId(url) !== null) return url;
  return safeLinkHref(url) ?? '';
}
