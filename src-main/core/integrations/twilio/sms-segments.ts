/**
 * How many SMS segments a text takes, which is what carriers bill. GSM-7 texts fit 160 characters
 * in one segment and 153 per segment when split (the rest of each is the joining header); the
 * GSM-7 extension characters (€ [ ] { } …) take two. Anything outside GSM-7 (most emoji, accents
 * beyond the basic set) makes the whole text UCS-2: 70 characters, 67 per segment when split,
 * counted in UTF-16 units as carriers do.
 */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENDED = new Set('\f^{}\\[~]|€');

export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the carrier counts them (extension characters count twice in GSM-7). */
  units: number;
  segments: number;
}

export function countSegments(text: string): SegmentCount {
  let gsmUnits = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM7_BASIC.has(ch)) gsmUnits += 1;
    else if (GSM7_EXTENDED.has(ch)) gsmUnits += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM-7', units: gsmUnits, segments: gsmUnits <= 160 ? 1 : Math.ceil(gsmUnits / 153) };
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
