/**
 * "Open file" on a cited passage: its file opens with the system's app (a PDF reader, Word) in the
 * desktop app. Only a file Steward indexed opens — the request names a passage, never a path — so
 * nothing else on the computer can be launched through it. Elsewhere (a browser tab) the answer
 * says where the file is, like "Open folder".
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeOpenFileOutput } from '../../../src-preload/schemas/knowledge.js';
import { StewardError } from '../errors.js';
import type { HostFiles } from '../ports.js';
import type { KnowledgeRepo } from './knowledge-repo.js';
import { PassageNotFoundError } from './knowledge-errors.js';

export async function openSourceFile(repo: KnowledgeRepo, hostFiles: HostFiles | null, passageId: number): Promise<KnowledgeOpenFileOutput> {
  const passage = repo.passage(passageId);
  if (!passage) throw new PassageNotFoundError(passageId);
  const file = passage.path;
  const folder = path.dirname(file);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new StewardError('not_found', `${file} is no longer there — it may have been moved or deleted. Rescan its folder on the Knowledge screen.`);
  if (!hostFiles) return { opened: false, path: file, folder };
  const failure = await hostFiles.open(file);
  if (failure) throw new StewardError('internal', `The system could not open ${path.basename(file)} (${failure}). Use Open folder and open it from there, or install an app for ${path.extname(file) || 'this kind of file'} files.`);
  return { opened: true, path: file, folder };
}
