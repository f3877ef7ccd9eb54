/**
 * One folder of this computer as the in-app path picker shows it (files.browse): its sub-folders
 * and the files that match the picker's extensions, hidden entries left out, with sizes and times.
 * Runs where the core runs — the desktop app or the local server on 127.0.0.1 — so these are the
 * user's own files; the picker only reads names and sizes, never contents.
 */
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MAX_BROWSE_ENTRIES, type BrowseEntry, type FilesBrowseOutput, type PathKind } from '../../../src-preload/schemas/files.js';
import { StewardError } from '../errors.js';

export interface BrowseRequest {
  /** Absolute folder; absent: the home folder. */
  path?: string;
  pick: PathKind;
  /** Lower-case, with the dot; absent or empty: every file. */
  extensions?: readonly string[];
}

export class FolderUnreadableError extends StewardError {
  constructor(folder: string, reason: string) {
    super('invalid_input', `Steward cannot open the folder ${folder}: ${reason}. Choose another folder, or check its permissions.`);
  }
}

export class FolderNotFoundError extends StewardError {
  constructor(folder: string) {
    super('not_found', `The folder ${folder} does not exist. Go up a level or type another path.`);
  }
}

export class NotAFolderError extends StewardError {
  constructor(file: string) {
    super('invalid_input', `${file} is a file, not a folder. Browse its folder instead: ${path.dirname(file)}`);
  }
}

/** Dot-files (Unix) are hidden from the picker, like the OS file dialogs do by default. */
const isHidden = (name: string): boolean => name.startsWith('.');

export async function browseFolder(request: BrowseRequest, home: string = os.homedir()): Promise<FilesBrowseOutput> {
  const folder = path.resolve(request.path ?? home);
  const entries = await readFolder(folder);
  const wanted = request.extensions && request.extensions.length > 0 ? new Set(request.extensions) : null;
  const folders: BrowseEntry[] = [];
  const files: BrowseEntry[] = [];
  let notListed = 0;
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    const full = path.join(folder, entry.name);
    // A symbolic link is listed as what it points to; a broken one is left out.
    const info = entry.isSymbolicLink() ? await stat(full).catch(() => null) : null;
    const isFolder = info ? info.isDirectory() : entry.isDirectory();
    const isFile = info ? info.isFile() : entry.isFile();
    if (isFolder) {
      if (folders.length + files.length >= MAX_BROWSE_ENTRIES) notListed++;
      else folders.push(await describe(entry.name, full, true));
    } else if (isFile && request.pick === 'file' && (!wanted || wanted.has(path.extname(entry.name).toLowerCase()))) {
      if (folders.length + files.length >= MAX_BROWSE_ENTRIES) notListed++;
      else files.push(await describe(entry.name, full, false));
    }
  }
  const byName = (a: BrowseEntry, b: BrowseEntry) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });
  const parent = path.dirname(folder);
  return { path: folder, parent: parent === folder ? null : parent, home, folders: folders.sort(byName), files: files.sort(byName), notListed };
}

async function readFolder(folder: string) {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FolderNotFoundError(folder);
    if (code === 'ENOTDIR') throw new NotAFolderError(folder);
    if (code === 'EACCES' || code === 'EPERM') throw new FolderUnreadableError(folder, 'permission denied');
    throw new FolderUnreadableError(folder, (err as Error).message);
  }
}

async function describe(name: string, full: string, folder: boolean): Promise<BrowseEntry> {
  // An entry that vanished or cannot be stat'ed between listing and now still shows by name.
  const info = await stat(full).catch(() => null);
  return { name, path: full, size: folder || !info ? 0 : info.size, modifiedAt: info ? info.mtime.toISOString() : null };
}
