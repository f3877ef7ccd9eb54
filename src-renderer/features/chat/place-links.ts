/**
 * Finds pointers to places in the app in Steward's text (a screen name, an arrow, a section —
 * "Settings → Security" reads as Settings › Security) so they can be shown as links to the real
 * screen. A pointer is matched against the known places (UI_PLACES), longest first; one naming no
 * known place comes back with place null: the ui-pointers test fails on those, and the text is
 * shown as it is.
 */
import { UI_PLACES, UI_SCREENS } from '../../../src-preload/ui-places.js';

export interface Pointer {
  index: number;
  /** The pointer as written. */
  text: string;
  /** The known place it names (in › form), or null when it names none. */
  place: string | null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Known places with sections, longest first, each as a pattern accepting › or → between the steps. */
const PLACE_PATTERNS = Object.keys(UI_PLACES)
  .filter((name) => name.includes(' › '))
  .sort((a, b) => b.length - a.length)
  .map((name) => ({ name, pattern: new RegExp(`^${name.split(' › ').map(escape).join(String.raw`\s+[›→]\s+`)}(?![A-Za-z])`) }));
const POINTER_START = new RegExp(String.raw`\b(?:${UI_SCREENS.join('|')})\s+[›→]\s+`, 'g');

export function findPointers(text: string): Pointer[] {
  const found: Pointer[] = [];
  for (const match of text.matchAll(POINTER_START)) {
    const rest = text.slice(match.index);
    const known = PLACE_PATTERNS.map((p) => ({ name: p.name, hit: p.pattern.exec(rest) })).find((p) => p.hit);
    if (known?.hit) found.push({ index: match.index, text: known.hit[0], place: known.name });
    // Unknown: show the pointer up to the end of its phrase, for the error message.
    else found.push({ index: match.index, text: /^[^.,;:)\n]*/.exec(rest)![0].split(/\s+(?:and|to|if|for|or|so|then|—)\s+/)[0]!.trim(), place: null });
  }
  return found;
}

export type TextPart = { kind: 'text'; text: string } | { kind: 'place'; text: string; route: string };

/** Text split into plain pieces and known places (screens by name, "the Models screen", and pointers). */
export function splitPlaces(text: string): TextPart[] {
  const hits: { index: number; text: string; route: string }[] = [];
  for (const pointer of findPointers(text)) if (pointer.place) hits.push({ index: pointer.index, text: pointer.text, route: UI_PLACES[pointer.place]!.route });
  for (const match of text.matchAll(new RegExp(String.raw`\b(?:${UI_SCREENS.join('|')}) (?:screen|dashboard)\b`, 'g'))) {
    const name = match[0].split(' ')[0]!;
    if (!hits.some((h) => match.index >= h.index && match.index < h.index + h.text.length)) hits.push({ index: match.index, text: match[0], route: UI_PLACES[name]!.route });
  }
  hits.sort((a, b) => a.index - b.index);
  const parts: TextPart[] = [];
  let at = 0;
  for (const hit of hits) {
    if (hit.index < at) continue;
    if (hit.index > at) parts.push({ kind: 'text', text: text.slice(at, hit.index) });
    parts.push({ kind: 'place', text: hit.text, route: hit.route });
    at = hit.index + hit.text.length;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return parts;
}

/** Whether an href is one of the app's own place routes (the only relative links a message may carry). */
export function isPlaceRoute(href: string | null | undefined): boolean {
  return typeof href === 'string' && Object.values(UI_PLACES).some((p) => p.route === href);
}
