/**
 * Pulls the visible text out of a pdfkit PDF for tests: inflates FlateDecode streams, then decodes
 * the hex strings inside TJ/Tj operators (pdfkit writes standard-font text as WinAnsi hex).
 */
import { inflateSync } from 'node:zlib';

export function pdfStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const latin = pdf.toString('latin1');
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(latin); m; m = re.exec(latin)) {
    const start = m.index + m[0].length;
    const end = latin.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(m[1]!)) {
      try {
        out.push(inflateSync(raw).toString('latin1'));
      } catch {
        // fonts and images may use other filters; they hold no page text
      }
    } else {
      out.push(raw.toString('latin1'));
    }
  }
  return out;
}

/** Text shown by each TJ/Tj operator, one string per operator, in page order. */
export function pdfTextRuns(pdf: Buffer): string[] {
  const runs: string[] = [];
  for (const stream of pdfStreams(pdf)) {
    for (const m of stream.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const body = m[1] ?? `<${m[2]}>`;
      let text = '';
      for (const hex of body.matchAll(/<([0-9a-fA-F]*)>/g)) text += decodeWinAnsi(Buffer.from(hex[1]!, 'hex'));
      runs.push(text);
    }
  }
  return runs;
}

export function pdfText(pdf: Buffer): string {
  return pdfTextRuns(pdf).join('\n');
}

export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
}

/** WinAnsiEncoding differs from Latin-1 only in 0x80-0x9F. */
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWinAnsi(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? WIN_ANSI_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}
