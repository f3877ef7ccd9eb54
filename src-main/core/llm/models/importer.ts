/**
 * Brings a .gguf the user already has into the models folder. The file is checked to be a
 * complete GGUF first, then hard-linked (same disk: instant, no extra space) or copied to a
 * temporary name and renamed, so the folder never shows a half-copied model. A file that is
 * already there, by name or by content, is refused rather than duplicated.
 */
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { StewardError } from '../../errors.js';
import { assertCompleteGguf } from '../local/gguf-header.js';
import { ModelAlreadyInstalledError } from './model-errors.js';

export type ImportMode = 'auto' | 'copy' | 'link';

export interface ImportResult {
  fileName: string;
  path: string;
  /** 'link' when hard-linked, 'copy' when copied. */
  method: 'link' | 'copy';
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** An installed file with the same content: same inode (already linked) or same size and SHA-256. */
async function findSameContent(modelsDir: string, source: string): Promise<string | null> {
  const src = await stat(source);
  let names: string[];
  try {
    names = (await readdir(modelsDir)).filter((n) => n.toLowerCase().endsWith('.gguf'));
  } catch {
    return null;
  }
  let sourceHash: string | null = null;
  for (const name of names) {
    const other = await stat(path.join(modelsDir, name)).catch(() => null);
    if (!other?.isFile() || other.size !== src.size) continue;
    if (other.dev === src.dev && other.ino === src.ino) return name;
    sourceHash ??= await sha256Of(source);
    if ((await sha256Of(path.join(modelsDir, name))) === sourceHash) return name;
  }
  return null;
}

export async function importModelFile(options: { sourcePath: string; modelsDir: string; mode?: ImportMode }): Promise<ImportResult> {
  const source = path.resolve(options.sourcePath);
  const mode = options.mode ?? 'auto';
  const info = await stat(source).catch(() => null);
  if (!info) throw new StewardError('not_found', `There is no file at ${source}. Check the path and try again.`);
  if (!info.isFile()) throw new StewardError('invalid_input', `${source} is not a file. Pick a .gguf model file.`);
  await assertCompleteGguf(source);

  const baseName = path.basename(source);
  const fileName = baseName.toLowerCase().endsWith('.gguf') ? baseName : `${baseName}.gguf`;
  const dest = path.join(options.modelsDir, fileName);
  await mkdir(options.modelsDir, { recursive: true });
  if (await stat(dest).then(() => true, () => false)) {
    const same = path.resolve(dest) === source;
    throw new ModelAlreadyInstalledError(fileName, same ? 'it is already in the models folder' : 'a model with this file name is in the models folder');
  }
  const duplicate = await findSameContent(options.modelsDir, source);
  if (duplicate) throw new ModelAlreadyInstalledError(fileName, `it has the same content as the installed "${duplicate}"`);

  if (mode !== 'copy') {
    try {
      await link(source, dest);
      return { fileName, path: dest, method: 'link' };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new ModelAlreadyInstalledError(fileName);
      if (mode === 'link') {
        throw new StewardError('invalid_input', `${source} could not be hard-linked into the models folder (${code ?? 'error'}; links need the same disk). Import it as a copy instead.`, { cause: err });
      }
      // Different disk or a filesystem without hard links: copy instead.
    }
  }
  const temp = `${dest}.import-${process.pid}.tmp`;
  try {
    // FICLONE makes a copy-on-write clone where the filesystem can (btrfs, APFS, XFS); else a plain copy.
    await copyFile(source, temp, constants.COPYFILE_FICLONE);
    const copied = await stat(temp);
    if (copied.size !== info.size) throw new StewardError('internal', `Copying ${source} produced ${copied.size} bytes instead of ${info.size}. Nothing was imported; check free disk space and try again.`);
    await rename(temp, dest);
  } catch (err) {
    await rm(temp, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'ENOSPC') {
      throw new StewardError('conflict', `Not enough disk space to copy ${baseName} into the models folder. Free some space, or import it as a link from the same disk.`, { cause: err });
    }
    throw err;
  }
  return { fileName, path: dest, method: 'copy' };
}
