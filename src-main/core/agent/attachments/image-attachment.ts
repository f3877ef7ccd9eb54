/**
 * An image attached to a chat message: checked by its bytes (a renamed file is not an image),
 * limited in size, and kept as it is for a model that reads images. The text stored beside it is
 * what a text-only view of the conversation (history, exports) shows in its place.
 */
import { MAX_IMAGE_BYTES } from '../../../../src-preload/schemas/attachments.js';
import type { ChatImage } from '../../llm/provider.js';

export interface ImageData {
  mediaType: string;
  data: Buffer;
}

const SIGNATURES: ReadonlyArray<{ mediaType: string; matches: (b: Buffer) => boolean }> = [
  { mediaType: 'image/png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mediaType: 'image/jpeg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mediaType: 'image/gif', matches: (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { mediaType: 'image/webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** The image's type read from its first bytes; null when it is none of PNG, JPEG, GIF or WebP. */
export function imageMediaType(data: Buffer): string | null {
  return SIGNATURES.find((s) => s.matches(data))?.mediaType ?? null;
}

/** Why this image cannot be attached, or null when it can. */
export function imageProblem(name: string, data: Buffer): string | null {
  if (data.length === 0) return `“${name}” is empty.`;
  if (data.length > MAX_IMAGE_BYTES) {
    return `“${name}” is ${megabytes(data.length)}; images up to ${megabytes(MAX_IMAGE_BYTES)} can be attached (every request of the reply carries the picture). Make it smaller or crop it, then attach it again.`;
  }
  if (!imageMediaType(data)) return `“${name}” is not a PNG, JPEG, GIF or WebP image (its bytes are something else). Save it as one of those and attach it again.`;
  return null;
}

/** What stands for the picture wherever only text goes (the history of later turns, the stored text). */
export function imagePlaceholder(name: string, mediaType: string, bytes: number): string {
  return `[An image, ${name} (${mediaType}, ${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-US')} KB): a model that reads images was given the picture with this message.]`;
}

export function toChatImage(name: string, image: ImageData): ChatImage {
  return { name, mediaType: image.mediaType, dataBase64: image.data.toString('base64') };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
