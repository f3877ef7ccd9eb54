/**
 * Reduces HTML (mammoth's rendering of a .docx) to a small tag allowlist before it reaches the
 * renderer. Document text is untrusted (DESIGN §4.2): a crafted .docx may carry links to
 * javascript: or embedded markup, so everything not on the list is dropped — elements whose content
 * is code (script, style …) together with that content, other unknown tags keeping only their text.
 * Only `href` (http, https, mailto), `colspan` and `rowspan` survive as attributes.
 */

const ALLOWED_TAGS = new Set([
  'p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup',
  'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'a', 'blockquote', 'pre', 'code', 'hr',
]);
const VOID_TAGS = new Set(['br', 'hr']);
/** Elements whose whole content is dropped with them. */
const DROP_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'svg', 'math', 'textarea', 'select', 'title', 'head']);
const SAFE_HREF = /^(https?:|mailto:)/i;

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[^>]*>|<\/?[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>/g;
// A `>` inside a quoted attribute value does not end the tag (as in browsers).
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>$/;
const ATTR = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function sanitizeHtml(input: string): string {
  const out: string[] = [];
  let dropping: string | null = null;
  let last = 0;
  for (const match of input.matchAll(TOKEN)) {
    const token = match[0];
    const index = match.index;
    if (dropping === null) out.push(escapeText(input.slice(last, index)));
    last = index + token.length;
    const tag = TAG.exec(token);
    if (!tag) continue; // comments, doctypes, processing instructions
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    if (dropping !== null) {
      if (closing && name === dropping) dropping = null;
      continue;
    }
    if (DROP_WITH_CONTENT.has(name)) {
      if (!closing && tag[4] !== '/') dropping = name;
      continue;
    }
    if (!ALLOWED_TAGS.has(name)) continue;
    if (closing) {
      if (!VOID_TAGS.has(name)) out.push(`</${name}>`);
      continue;
    }
    out.push(`<${name}${allowedAttributes(name, tag[3] ?? '')}>`);
  }
  if (dropping === null) out.push(escapeText(input.slice(last)));
  return out.join('');
}

/** Browsers ignore control characters and spaces inside a URL scheme ("java\tscript:"), so the check must too. */
function stripControlAndSpace(value: string): string {
  let out = '';
  for (const ch of value) if (ch.charCodeAt(0) > 0x20) out += ch;
  return out;
}

function allowedAttributes(tag: string, raw: string): string {
  const kept: string[] = [];
  for (const attr of raw.matchAll(ATTR)) {
    const name = attr[1]!.toLowerCase();
    const value = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '').trim();
    if (tag === 'a' && name === 'href' && SAFE_HREF.test(stripControlAndSpace(value))) kept.push(`href="${escapeAttribute(value)}"`);
    else if ((tag === 'td' || tag === 'th') && (name === 'colspan' || name === 'rowspan') && /^\d{1,3}$/.test(value)) kept.push(`${name}="${value}"`);
  }
  // Links open outside the app and never hand it the opener.
  if (tag === 'a' && kept.length > 0) kept.push('rel="noopener noreferrer nofollow"', 'target="_blank"');
  return kept.length > 0 ? ` ${kept.join(' ')}` : '';
}

/** Text between tags: entities stay as they are, stray angle brackets become inert. */
function escapeText(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{0,31}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Enough decoding that "&#106;avascript:" cannot slip past the scheme check. */
function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000))
    .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10) % 0x110000))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/&quot;/gi, '"')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&amp;/gi, '&');
}
