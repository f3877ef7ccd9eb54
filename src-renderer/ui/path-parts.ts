/** Splitting an absolute path of the machine Steward runs on (POSIX or Windows) in the renderer, which has no node:path. */

/** The folder a path is in: "/home/dana/a.gguf" → "/home/dana"; a top-level entry → its root. */
export function folderOf(absolutePath: string): string {
  const trimmed = absolutePath.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (cut < 0) return absolutePath;
  if (cut === 0) return trimmed[0]!;
  // "C:\model.gguf" → "C:\"
  if (cut === 2 && /^[A-Za-z]:/.test(trimmed)) return trimmed.slice(0, 3);
  return trimmed.slice(0, cut);
}

/** The last part of a path: "/home/dana/a.gguf" → "a.gguf". */
export function baseName(absolutePath: string): string {
  const trimmed = absolutePath.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut < 0 ? trimmed : trimmed.slice(cut + 1);
}
