/**
 * A small, safe subset of Markdown for page sections: paragraphs, line breaks, bullet and numbered
 * lists, sub-headings, quotes, **bold**, *italic*, `code` and [links](https://…). It tokenizes the
 * raw text and escapes every literal piece, so no input can produce markup of its own.
 */
import { escapeHtml, isSafeUrl } from './html-escape.js';

const INLINE = /\[([^\]\n]{1,200})\]\(([^)\s]{1,500})\)|\*\*([^*\n]+?)\*\*|`([^`\n]+)`|\*([^*\n]+?)\*|(?<![\w])_([^_\n]+?)_(?![\w])/g;

export function renderInline(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    out += escapeHtml(text.slice(last, match.index));
    const [whole, linkText, url, bold, code, star, underscore] = match;
    if (linkText !== undefined && url !== undefined) {
      const external = /^https?:/i.test(url);
      out += isSafeUrl(url)
        ? `<a href="${escapeHtml(url)}"${external ? ' rel="noopener noreferrer"' : ''}>${escapeHtml(linkText)}</a>`
        : escapeHtml(linkText);
    } else if (bold !== undefined) out += `<strong>${escapeHtml(bold)}</strong>`;
    else if (code !== undefined) out += `<code>${escapeHtml(code)}</code>`;
    else if (star !== undefined) out += `<em>${escapeHtml(star)}</em>`;
    else if (underscore !== undefined) out += `<em>${escapeHtml(underscore)}</em>`;
    else out += escapeHtml(whole);
    last = match.index + whole.length;
  }
  return out + escapeHtml(text.slice(last));
}

const BULLET = /^\s*[-*•]\s+/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+/;
const HEADING = /^(#{1,3})\s+/;
const QUOTE = /^>\s?/;

/** Renders a section body. Headings inside a section start at h3 because the section title is h2. */
export function renderMarkdownish(text: string): string {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.replace(/^\n+|\n+$/g, ''))
    .filter((b) => b.trim() !== '');
  const html: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n');
    if (lines.every((l) => BULLET.test(l))) {
      html.push(`<ul>${lines.map((l) => `<li>${renderInline(l.replace(BULLET, ''))}</li>`).join('')}</ul>`);
    } else if (lines.every((l) => NUMBERED.test(l))) {
      html.push(`<ol>${lines.map((l) => `<li>${renderInline(l.replace(NUMBERED, ''))}</li>`).join('')}</ol>`);
    } else if (lines.length === 1 && HEADING.test(lines[0]!)) {
      const level = Math.min(5, 2 + HEADING.exec(lines[0]!)![1]!.length);
      html.push(`<h${level}>${renderInline(lines[0]!.replace(HEADING, ''))}</h${level}>`);
    } else if (lines.every((l) => QUOTE.test(l))) {
      html.push(`<blockquote>${lines.map((l) => renderInline(l.replace(QUOTE, ''))).join('<br>')}</blockquote>`);
    } else {
      html.push(`<p>${lines.map((l) => renderInline(l.trim())).join('<br>')}</p>`);
    }
  }
  return html.join('\n');
}
