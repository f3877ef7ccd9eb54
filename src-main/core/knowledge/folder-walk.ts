/**
 * The documents under a knowledge folder: every .md .txt .pdf .docx .xlsx .csv file in it and
 * its sub-folders, with size and change time. Hidden files and folders (dot-names) and symbolic
 * links are left out — a link can point outside the folder or back into it.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isKnowledgeFile } from './document-text.js';

export interface FoundFile {
  path: string;
  bytes: number;
  mtimeMs: number;
}

/** Stops walking a huge tree after this many entries (the file limit leaves the rest out anyway). */
const MAX_ENTRIES_WALKED = 100_000;

/** Throws when the folder itself cannot be read; an unreadable sub-folder is skipped and named in `problems`. */
export async function walkKnowledgeFolder(root: string): Promise<{ files: FoundFile[]; problems: string[] }> {
  const files: FoundFile[] = [];
  const problems: string[] = [];
  let walked = 0;
  const visit = async (folder: string, isRoot: boolean): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (err) {
      if (isRoot) throw err;
      problems.push(`${folder}: ${(err as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (++walked > MAX_ENTRIES_WALKED) return;
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await visit(full, false);
      else if (entry.isFile() && isKnowledgeFile(entry.name)) {
        const info = await stat(full).catch(() => null);
        if (info) files.push({ path: full, bytes: info.size, mtimeMs: info.mtimeMs });
      }
    }
  };
  await visit(root, true);
  return { files, problems };
}
