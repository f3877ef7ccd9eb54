/** Files picked or dropped into the composer, read as base64 for chat.sendFiles. */
export interface PickedFile {
  id: string;
  name: string;
  size: number;
  /** The browser's type for the file (image/png …); images show a thumbnail before sending. */
  mediaType: string;
  dataBase64: string;
}

/** The picture of an image file as a data URL (for its thumbnail), or null for other files. */
export function thumbnailOf(file: PickedFile): string | null {
  return /^image\/(png|jpeg|gif|webp)$/.test(file.mediaType) ? `data:${file.mediaType};base64,${file.dataBase64}` : null;
}

let seq = 0;

/** Reads files into base64 (in chunks: a 10 MB file as one String.fromCharCode call would overflow the stack). */
export async function readPickedFiles(files: readonly File[]): Promise<PickedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      const chunk = 0x8000;
      for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
      return { id: `file-${++seq}`, name: file.name, size: file.size, mediaType: file.type, dataBase64: btoa(binary) };
    }),
  );
}

/**
 * Files waiting to be sent outlive the composer: following a link in a refusal ("mark it so under
 * Models › Image input") opens another screen, and coming back must find the files still there,
 * like the draft. Kept per conversation (the draft's key) until sent or removed; never stored.
 */
const waiting = new Map<string, PickedFile[]>();

export function waitingFiles(key: string): PickedFile[] {
  return waiting.get(key) ?? [];
}

export function keepWaitingFiles(key: string, files: PickedFile[]): void {
  if (files.length > 0) waiting.set(key, files);
  else waiting.delete(key);
}
