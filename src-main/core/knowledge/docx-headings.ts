/**
 * A Word document's text with its headings marked the Markdown way ("## Parental leave"), so the
 * chunker starts a passage at each and a citation names its section. The lines are mammoth's raw
 * text (what chat attachments read); the headings come from mammoth's HTML of the same file (Word's
 * Heading 1–6 styles become <h1>–<h6>), matched to those lines in order. Only a heading line gains
 * its "#" prefix — no line is added or removed — so line numbers stay those of the raw text.
 */
import mammoth from 'mammoth';

interface Heading {
  level: number;
  text: string;
}

export async function docxLinesWithHeadings(data: Buffer): Promise<string[]> {
  const [raw, html] = await Promise.all([mammoth.extractRawText({ buffer: data }), mammoth.convertToHtml({ buffer: data })]);
  const lines = raw.value.replace(/\r\n?/g, '\n').split('\n');
  let cursor = 0;
  for (const heading of headingsOf(html.value)) {
    const at = lines.findIndex((line, i) => i >= cursor && line.trim() === heading.text);
    // A heading not found as a line of its own (unusual markup) is left as plain text.
    if (at < 0) continue;
    lines[at] = `${'#'.repeat(heading.level)} ${heading.text}`;
    cursor = at + 1;
  }
  return lines;
}

function headingsOf(html: string): Heading[] {
  return [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)]
    .map((m) => ({ level: Number(m[1]), text: decodeEntities(m[2]!.replace(/<[^>]*>/g, '')).trim() }))
    .filter((h) => h.text !== '');
}

/** mammoth escapes only these in text. */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
