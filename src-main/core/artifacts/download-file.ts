/**
 * One workspace file exactly as it is on disk, for the preview's Download button: the renderer
 * saves these bytes under the file's own name. Paths are confined to the workspace like the
 * preview's, and the size limit is the preview's, because both travel whole in one answer.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactDownload } from '../../../src-preload/schemas/artifacts.js';
import { resolveInWorkspace } from '../tools/builtin/workspace-path.js';
import { ArtifactNotFoundError, ArtifactTooLargeError } from './artifact-errors.js';
import { MAX_PREVIEW_BYTES } from './preview-file.js';

const MIME_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.md': 'text/markdown',
  '.txt': 'text/plain',
  '.html': 'text/html',
};

export async function downloadWorkspaceFile(workspaceDir: string, given: string): Promise<ArtifactDownload> {
  const resolved = await resolveInWorkspace(workspaceDir, given);
  const info = await stat(resolved.absolute).catch(() => null);
  if (!info || !info.isFile()) throw new ArtifactNotFoundError(resolved.relative);
  if (info.size > MAX_PREVIEW_BYTES) throw new ArtifactTooLargeError(resolved.relative, info.size, MAX_PREVIEW_BYTES);
  const bytes = await readFile(resolved.absolute);
  const extension = path.extname(resolved.relative).toLowerCase();
  return { path: resolved.relative, fileName: path.basename(resolved.relative), mime: MIME_TYPES[extension] ?? 'application/octet-stream', base64: bytes.toString('base64') };
}
