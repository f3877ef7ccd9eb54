import { highlightCode } from '../chat/markdown/highlight.js';

/**
 * Code split into lines for a numbered view, each line either highlight.js HTML or plain text.
 * highlight.js spans may cross line breaks (a block comment, a template string), so every line
 * closes the spans still open at its end and the next line reopens them: each line is then
 * well-formed HTML on its own. The HTML holds only highlight.js's own escaped output.
 */
export interface CodeLines {
  /** One entry per line; HTML when highlighted, else null (render `plain`). */
  html: string[] | null;
  plain: string[];
  language: string | null;
}

const TAG = /<span class="([^"]*)">|<\/span>/g;

export function codeLines(code: string, language: string | null): CodeLines {
  const text = code.endsWith('\n') ? code.slice(0, -1) : code;
  const plain = text.split('\n');
  const highlighted = highlightCode(text, language && language !== 'plaintext' ? language : null);
  if (highlighted.html === null) return { html: null, plain, language: highlighted.language ?? language };
  return { html: splitHighlightedHtml(highlighted.html), plain, language: highlighted.language };
}

export function splitHighlightedHtml(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  let last = 0;
  const pushText = (segment: string) => {
    const parts = segment.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) {
        lines.push(current + '</span>'.repeat(open.length));
        current = open.map((cls) => `<span class="${cls}">`).join('');
      }
      current += part;
    });
  };
  for (const match of html.matchAll(TAG)) {
    pushText(html.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[1] !== undefined) open.push(match[1]);
    else open.pop();
    current += match[0];
  }
  pushText(html.slice(last));
  lines.push(current + '</span>'.repeat(open.length));
  return lines;
}
