/**
 * Chat text keeps its line breaks: agents and people write "Plan: …\n1. …" expecting each line on
 * its own, while Markdown would join single newlines into one paragraph. Outside fenced code, a
 * single newline becomes a Markdown hard break ("  \n"); blank lines, code fences and the code
 * inside them are left exactly as they are.
 */
export function preserveLineBreaks(text: string): string {
  const lines = text.split('\n');
  let fence: string | null = null;
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i] ?? '';
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (opener && opener[1]?.startsWith(fence)) fence = null;
      continue;
    }
    if (opener?.[1]) {
      fence = opener[1];
      continue;
    }
    const next = lines[i + 1] ?? '';
    // Only between two lines of text: a blank line already ends a paragraph, and a hard break
    // before a fence, a table row or a list item would change nothing a reader sees.
    if (line.trim() !== '' && next.trim() !== '' && !/ {2}$|\\$/.test(line)) lines[i] = `${line}  `;
  }
  return lines.join('\n');
}
