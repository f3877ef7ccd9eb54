/**
 * What is in the models folder: every complete-looking `*.gguf` file (matched to the catalog by
 * file name), unfinished downloads (`*.gguf.part`, never listed as installed), and deletion.
 * The folder itself is the registry, so a file copied in by hand shows up too.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { InstalledModel, ModelCatalog, ModelCatalogEntry, ModelPurpose, PartialDownload } from '../../../../src-preload/schemas/models.js';
import { NotFoundError, StewardError } from '../../errors.js';
import { ModelInvalidError } from '../llm-errors.js';
import { assertCompleteGguf, readGgufHeader, type GgufHeader } from '../local/gguf-header.js';
import { findCatalogEntry } from './catalog-loader.js';
import { partMetaPathFor, partPathFor, readPartMeta } from './downloader.js';
import { guessPurpose, summariseGguf } from './gguf-facts.js';

/** The model file names (or absolute paths) settings.llm points at. */
export interface ModelSlots {
  localModel: string | null;
  embeddingModel: string | null;
  draftModel: string | null;
  /** Optional: callers that predate rerankers leave it out. */
  rerankerModel?: string | null;
}

const SLOT_PURPOSE: ReadonlyArray<readonly [keyof ModelSlots, ModelPurpose]> = [
  ['localModel', 'chat'],
  ['embeddingModel', 'embedding'],
  ['draftModel', 'draft'],
  ['rerankerModel', 'reranker'],
];

const isGguf = (name: string) => name.toLowerCase().endsWith('.gguf');

async function readDirSafe(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

export function defaultsFor(slots: ModelSlots | null, modelsDir: string, fileName: string): ModelPurpose[] {
  if (!slots) return [];
  const full = path.join(modelsDir, fileName);
  return SLOT_PURPOSE.filter(([slot]) => {
    const value = slots[slot];
    return value != null && (value === fileName || path.resolve(modelsDir, value) === full);
  }).map(([, purpose]) => purpose);
}

/** Describes one file in the models folder; a damaged file is listed with its problem, not hidden. */
export async function describeInstalledFile(modelsDir: string, fileName: string, catalog: ModelCatalog, slots: ModelSlots | null): Promise<InstalledModel> {
  const filePath = path.join(modelsDir, fileName);
  const info = await stat(filePath);
  const entry = catalog.models.find((m) => m.fileName === fileName) ?? null;
  let header: GgufHeader | null = null;
  let problem: string | null = null;
  try {
    header = await assertCompleteGguf(filePath);
  } catch (err) {
    if (!(err instanceof ModelInvalidError)) throw err;
    problem = err.reason;
    header = await readGgufHeader(filePath).catch(() => null);
  }
  return {
    id: entry?.id ?? fileName,
    fileName,
    path: filePath,
    sizeBytes: info.size,
    modifiedAt: info.mtime.toISOString(),
    catalogId: entry?.id ?? null,
    displayName: entry?.displayName ?? header?.name ?? fileName.replace(/\.gguf$/i, ''),
    purpose: entry?.purpose ?? (header ? guessPurpose(header) : 'chat'),
    gguf: header ? summariseGguf(header) : null,
    problem,
    defaultFor: defaultsFor(slots, modelsDir, fileName),
  };
}

export async function listInstalledModels(modelsDir: string, catalog: ModelCatalog, slots: ModelSlots | null = null): Promise<InstalledModel[]> {
  const names = (await readDirSafe(modelsDir)).filter(isGguf).sort((a, b) => a.localeCompare(b));
  const models: InstalledModel[] = [];
  for (const name of names) {
    const s = await stat(path.join(modelsDir, name)).catch(() => null);
    if (!s?.isFile()) continue;
    models.push(await describeInstalledFile(modelsDir, name, catalog, slots));
  }
  return models;
}

export async function listPartialDownloads(modelsDir: string, catalog: ModelCatalog): Promise<PartialDownload[]> {
  const parts = (await readDirSafe(modelsDir)).filter((n) => n.toLowerCase().endsWith('.gguf.part')).sort();
  const out: PartialDownload[] = [];
  for (const part of parts) {
    const fileName = part.slice(0, -'.part'.length);
    const s = await stat(path.join(modelsDir, part)).catch(() => null);
    if (!s?.isFile()) continue;
    const meta = await readPartMeta(path.join(modelsDir, fileName));
    out.push({
      fileName,
      catalogId: catalog.models.find((m) => m.fileName === fileName)?.id ?? null,
      bytes: s.size,
      totalBytes: meta?.total && meta.total > 0 ? meta.total : null,
    });
  }
  return out;
}

export interface ResolvedModel {
  fileName: string;
  path: string;
  entry: ModelCatalogEntry | null;
}

/** Maps a catalog id or a file name to its place in the models folder (whether or not it exists). */
export function resolveModelId(modelsDir: string, catalog: ModelCatalog, id: string): ResolvedModel | null {
  const entry = findCatalogEntry(catalog, id) ?? null;
  if (entry) return { fileName: entry.fileName, path: path.join(modelsDir, entry.fileName), entry };
  if (path.basename(id) !== id || !isGguf(id)) return null;
  return { fileName: id, path: path.join(modelsDir, id), entry: null };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Deletes an installed model and any unfinished download of it. */
export async function deleteInstalledModel(modelsDir: string, catalog: ModelCatalog, id: string): Promise<{ fileName: string; removedFile: boolean; removedPartial: boolean }> {
  const resolved = resolveModelId(modelsDir, catalog, id);
  if (!resolved) throw new NotFoundError('Model', id);
  const hasFile = await exists(resolved.path);
  const hasPartial = (await exists(partPathFor(resolved.path))) || (await exists(partMetaPathFor(resolved.path)));
  if (!hasFile && !hasPartial) throw new NotFoundError('Installed model', id);
  try {
    if (hasFile) await rm(resolved.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new StewardError('conflict', `"${resolved.fileName}" is in use or protected and was not deleted. Switch to another model (or quit Steward) and try again.`, { cause: err });
    }
    throw err;
  }
  await rm(partPathFor(resolved.path), { force: true });
  await rm(partMetaPathFor(resolved.path), { force: true });
  return { fileName: resolved.fileName, removedFile: hasFile, removedPartial: hasPartial };
}
