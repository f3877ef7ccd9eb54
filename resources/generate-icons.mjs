// Generates Steward's icons as PNGs with nothing but zlib: a check mark (approval is the product's
// core gesture) on a blue tile. Run `node resources/generate-icons.mjs`; the PNGs are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** rgba: Uint8Array of size*size*4. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const CHECK = [
  [0.28, 0.53],
  [0.44, 0.68],
  [0.73, 0.36],
];
function distToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
const onCheck = (x, y, halfWidth) => distToSegment(x, y, CHECK[0], CHECK[1]) < halfWidth || distToSegment(x, y, CHECK[1], CHECK[2]) < halfWidth;
function inRoundedSquare(x, y, inset, radius) {
  const lo = inset + radius;
  const hi = 1 - inset - radius;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return Math.hypot(x - cx, y - cy) <= radius;
}
const inCircle = (x, y, r) => Math.hypot(x - 0.5, y - 0.5) <= r;

/** Renders with 4x4 supersampling; `shade(x, y)` returns [r, g, b, a] (0–255) or null for transparent. */
function render(size, shade) {
  const out = new Uint8Array(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = shade((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
          if (!c) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha;
          g += c[1] * alpha;
          b += c[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  return out;
}

const WHITE = [255, 255, 255, 255];
const blue = (y) => [Math.round(37 - 8 * y), Math.round(99 - 21 * y), Math.round(235 - 19 * y), 255]; // #2563EB -> #1D4ED8

const appIcon = (x, y) => (inRoundedSquare(x, y, 0.06, 0.2) ? (onCheck(x, y, 0.055) ? WHITE : blue(y)) : null);
const trayIcon = (x, y) => (inCircle(x, y, 0.47) ? (onCheck(x, y, 0.085) ? WHITE : blue(y)) : null);
// macOS template: black + alpha only; the menu bar recolours it. The check is knocked out of the disc.
const trayTemplate = (x, y) => (inCircle(x, y, 0.47) && !onCheck(x, y, 0.085) ? [0, 0, 0, 255] : null);

const files = [
  ['icon.png', 256, appIcon],
  ['icon-32.png', 32, appIcon],
  ['tray.png', 16, trayIcon],
  ['tray@2x.png', 32, trayIcon],
  ['trayTemplate.png', 16, trayTemplate],
  ['trayTemplate@2x.png', 32, trayTemplate],
];
for (const [name, size, shade] of files) {
  writeFileSync(join(here, name), encodePng(size, render(size, shade)));
  console.log(`wrote resources/${name} (${size}x${size})`);
}
