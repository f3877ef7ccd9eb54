/**
 * Text of each page of a simple PDF — the kind Steward itself writes with pdfkit (standard fonts,
 * WinAnsi strings, Flate-compressed content streams). Not a general PDF reader: fonts with custom
 * encodings, object streams and cross-reference streams are out of scope, and such a file yields
 * pages with whatever plain strings can be read (possibly none), never an exception.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

const OBJECT = /(\d+)\s+(\d+)\s+obj\b([\s\S]*?)endobj/g;

export function extractPdfPages(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const match of source.matchAll(OBJECT)) {
    const body = match[3]!;
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const start = streamAt + (body[streamAt + 6] === '\r' ? 8 : 7);
    const end = body.lastIndexOf('endstream');
    const raw = Buffer.from(body.slice(start, end < 0 ? body.length : end), 'latin1');
    objects.set(Number(match[1]), { dict, stream: decodeStream(dict, raw) });
  }
  return pageOrder(objects).map((contentRefs) =>
    contentRefs
      .map((ref) => objects.get(ref)?.stream)
      .filter((stream): stream is Buffer => stream !== null && stream !== undefined)
      .map((stream) => textOfContent(stream.toString('latin1')))
      .join('\n')
      .trim(),
  );
}

function decodeStream(dict: string, raw: Buffer): Buffer | null {
  if (!/\/Filter\s*(\[\s*)?\/FlateDecode/.test(dict)) return /\/Filter/.test(dict) ? null : raw;
  try {
    return inflateSync(raw);
  } catch {
    // A trailing newline before "endstream" is allowed; trim and try once more.
    try {
      return inflateSync(raw.subarray(0, raw.length - 1));
    } catch {
      return null;
    }
  }
}

/** Content stream references of each page, in reading order (the /Pages tree's /Kids). */
function pageOrder(objects: Map<number, PdfObject>): number[][] {
  const refsOf = (text: string | undefined): number[] => [...(text ?? '').matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1]));
  const root = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict));
  const pages: number[][] = [];
  const visit = (ref: number, depth: number): void => {
    const node = objects.get(ref);
    if (!node || depth > 32) return;
    if (/\/Type\s*\/Pages\b/.test(node.dict)) {
      for (const kid of refsOf(/\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1])) visit(kid, depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(node.dict)) {
      const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(node.dict)?.[1];
      pages.push(refsOf(contents));
    }
  };
  if (root) {
    for (const kid of refsOf(/\/Kids\s*\[([^\]]*)\]/.exec(root.dict)?.[1])) visit(kid, 1);
  }
  return pages;
}

/** Strings shown by Tj/TJ/'/" inside BT…ET blocks; each text block and each line move starts a new line. */
function textOfContent(content: string): string {
  const lines: string[] = [];
  for (const block of content.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
    let line = '';
    const ops = block[1]!.matchAll(/\[((?:[^\]\\]|\\.)*)\]\s*TJ|(<[0-9a-fA-F\s]*>|\((?:[^()\\]|\\.)*\))\s*(?:Tj|'|")|\b(T\*|Td|TD|Tm)\b/g);
    for (const op of ops) {
      if (op[3]) {
        if (op[3] !== 'Tm' || line !== '') {
          if (line.trim() !== '') lines.push(line.trimEnd());
          line = '';
        }
        continue;
      }
      const strings = op[1] !== undefined ? [...op[1].matchAll(/<[0-9a-fA-F\s]*>|\((?:[^()\\]|\\.)*\)/g)].map((m) => m[0]) : [op[2]!];
      line += strings.map(decodeString).join('');
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
  }
  return lines.join('\n');
}

function decodeString(token: string): string {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    const bytes = Buffer.from(hex.length % 2 === 0 ? hex : `${hex}0`, 'hex');
    return winAnsiDecode(bytes);
  }
  const body = token.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_m, esc: string) => {
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return simple[esc] ?? String.fromCharCode(Number.parseInt(esc, 8));
  });
  return winAnsiDecode(Buffer.from(body, 'latin1'));
}

/** WinAnsiEncoding differs from Latin-1 only in 0x80–0x9F (curly quotes, dashes, euro …). */
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ',
  0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›',
  0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function winAnsiDecode(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) text += WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte);
  return text;
}
