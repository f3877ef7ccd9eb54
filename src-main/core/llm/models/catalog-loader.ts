/**
 * The model catalog: models/catalog.json, bundled into the build by a static import so the
 * packaged app needs no path lookup, or a file named by STEWARD_MODEL_CATALOG (tests, mirrors,
 * organisations that curate their own list). Either is validated before use.
 */
import { readFileSync } from 'node:fs';
import builtinCatalogJson from '../../../../models/catalog.json' with { type: 'json' };
import { ModelCatalogSchema, type ModelCatalog, type ModelCatalogEntry } from '../../../../src-preload/schemas/models.js';
import { zodIssues } from '../../validation.js';
import { InvalidCatalogError } from './model-errors.js';

export const CATALOG_ENV_VAR = 'STEWARD_MODEL_CATALOG';

export function parseModelCatalog(json: unknown, source: string): ModelCatalog {
  const result = ModelCatalogSchema.safeParse(json);
  if (result.success) return result.data;
  const summary = zodIssues(result.error)
    .slice(0, 5)
    .map((i) => `${i.path || '(root)'}: ${i.message}`)
    .join('; ');
  throw new InvalidCatalogError(source, summary);
}

/** The catalog in effect: the file named by STEWARD_MODEL_CATALOG when set, else the built-in one. */
export function loadModelCatalog(env: NodeJS.ProcessEnv = process.env): ModelCatalog {
  const override = env[CATALOG_ENV_VAR];
  if (!override) return parseModelCatalog(builtinCatalogJson, '(built-in models/catalog.json)');
  let text: string;
  try {
    text = readFileSync(override, 'utf8');
  } catch (err) {
    throw new InvalidCatalogError(`"${override}"`, `it cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidCatalogError(`"${override}"`, 'it is not valid JSON');
  }
  return parseModelCatalog(json, `"${override}"`);
}

/**
 * A catalog entry by id or file name. Ids match case-insensitively and a file name may omit
 * ".gguf", so the name in an error message ("Qwen2.5-3B-Instruct-Q4_K_M") works as an id too.
 */
export function findCatalogEntry(catalog: ModelCatalog, idOrFileName: string): ModelCatalogEntry | undefined {
  const wanted = idOrFileName.trim();
  return (
    catalog.models.find((m) => m.id === wanted || m.fileName === wanted) ??
    catalog.models.find((m) => m.id === wanted.toLowerCase() || m.fileName.toLowerCase() === wanted.toLowerCase() || m.fileName.toLowerCase() === `${wanted.toLowerCase()}.gguf`)
  );
}
