/**
 * How a conversation turn becomes episodes: an empty or whitespace-only turn is not stored at
 * all; a long one is cut at MAX_TURN_CHARS (with a marker saying how much was left out) and
 * split into chunks of at most CHUNK_CHARS, each its own episode, so a pasted 2 MB log neither
 * bloats the database nor drowns every search in one giant row. Chunks break at paragraph or
 * sentence ends where there is one.
 */
import type { EpisodeRow, EpisodeStore } from './episode-store.js';

export const MAX_TURN_CHARS = 32_000;
export const CHUNK_CHARS = 2_000;

export function chunkTurnText(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  const dropped = trimmed.length - MAX_TURN_CHARS;
  const kept = dropped > 0 ? trimmed.slice(0, MAX_TURN_CHARS) : trimmed;
  const chunks: string[] = [];
  let rest = kept;
  while (rest.length > CHUNK_CHARS) {
    const window = rest.slice(0, CHUNK_CHARS);
    // The last paragraph break, else sentence end, else space in the second half of the window.
    const cut = [/\n\s*\n(?![\s\S]*\n\s*\n)/, /[.!?]\s(?![\s\S]*[.!?]\s)/, /\s(?![\s\S]*\s)/]
      .map((re) => {
        const m = re.exec(window);
        return m && m.index >= CHUNK_CHARS / 2 ? m.index + m[0].length : -1;
      })
      .find((i) => i > 0);
    const at = cut ?? CHUNK_CHARS;
    chunks.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0) chunks.push(rest);
  if (dropped > 0) chunks[chunks.length - 1] = `${chunks[chunks.length - 1]} […${dropped.toLocaleString('en-US')} more characters not kept in memory]`;
  return chunks;
}

/**
 * Stores one message (already through the privacy filter) as its chunks. The first chunk keeps
 * the message id; later ones get `<id>#2`, `<id>#3` … so each stays unique and a message is still
 * stored only once. Returns the rows written (none for an empty turn or a message seen before).
 */
export function storeTurn(episodes: EpisodeStore, input: Parameters<EpisodeStore['insert']>[0]): EpisodeRow[] {
  const rows: EpisodeRow[] = [];
  for (const [i, text] of chunkTurnText(input.text).entries()) {
    const messageId = input.messageId && i > 0 ? `${input.messageId}#${i + 1}` : input.messageId;
    const row = episodes.insert({ ...input, messageId, text, ...(input.id && i > 0 ? { id: `${input.id}#${i + 1}` } : {}) });
    if (!row) {
      if (i === 0) return rows;
      continue;
    }
    rows.push(row);
  }
  return rows;
}
