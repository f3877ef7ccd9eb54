import { SettingsSchema, type Settings } from '../../../src-preload/contract.js';
import { StewardError } from '../errors.js';
import type { EventBus } from '../events.js';
import { zodIssues } from '../validation.js';
import type { SqliteDatabase } from './sqlite.js';

export class SettingsInvalidError extends StewardError {
  constructor(issues: { path: string; message: string }[]) {
    const summary = issues.map((i) => `${i.path || '(settings)'} ${i.message}`).join('; ');
    super('settings_invalid', `Settings not saved: ${summary}. Your previous settings are unchanged.`, { issues });
  }
}

/**
 * Validated, persisted settings. Updates are deep-merged into the current document and the
 * whole result is validated, so a patch can never leave an invalid combination behind.
 */
export class SettingsStore {
  private current: Settings;
  /** Set when the stored document failed validation at start-up; the stored JSON is kept untouched until the next save. */
  readonly loadProblem: string | null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: EventBus,
    private readonly now: () => Date,
  ) {
    const row = db.prepare('SELECT json FROM settings WHERE id = 1').get() as { json: string } | undefined;
    const loaded = loadStored(row?.json);
    this.current = loaded.settings;
    this.loadProblem = loaded.problem;
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  /** Validates and saves; throws SettingsInvalidError naming each bad field. Call inside the request's transaction. */
  update(patch: Record<string, unknown>): Settings {
    const merged = deepMerge(this.current as unknown as Record<string, unknown>, patch);
    const result = SettingsSchema.safeParse(merged);
    if (!result.success) throw new SettingsInvalidError(zodIssues(result.error));
    this.db
      .prepare('INSERT INTO settings (id, json, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at')
      .run(JSON.stringify(result.data), this.now().toISOString());
    this.current = result.data;
    this.events.emit({ type: 'settings.changed', settings: this.get() });
    return this.get();
  }
}

function loadStored(json: string | undefined): { settings: Settings; problem: string | null } {
  if (!json) return { settings: SettingsSchema.parse({}), problem: null };
  try {
    const stored = JSON.parse(json) as unknown;
    const result = SettingsSchema.safeParse(stored);
    if (result.success) return { settings: result.data, problem: null };
    // Keys a newer or older Steward wrote (or a setting since removed) are dropped on load rather
    // than costing the user every other setting; new patches with unknown keys are still refused.
    const withoutUnknown = dropUnknownKeys(stored, result.error.issues);
    const retried = withoutUnknown === null ? null : SettingsSchema.safeParse(withoutUnknown);
    if (retried?.success) return { settings: retried.data, problem: null };
    const summary = zodIssues(result.error)
      .map((i) => `${i.path} ${i.message}`)
      .join('; ');
    return { settings: SettingsSchema.parse({}), problem: `Saved settings were invalid (${summary}); defaults are in use until you save.` };
  } catch {
    return { settings: SettingsSchema.parse({}), problem: 'Saved settings could not be read; defaults are in use until you save.' };
  }
}

function dropUnknownKeys(stored: unknown, issues: readonly { code: string; path: PropertyKey[]; keys?: string[] }[]): unknown {
  const unknownKeys = issues.filter((i) => i.code === 'unrecognized_keys');
  if (unknownKeys.length === 0 || unknownKeys.length !== issues.length) return null;
  const copy = structuredClone(stored) as Record<string, unknown>;
  for (const issue of unknownKeys) {
    let target: unknown = copy;
    for (const key of issue.path) target = isPlainObject(target) ? target[key as string] : undefined;
    if (isPlainObject(target)) for (const key of issue.keys ?? []) delete target[key];
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const existing = out[key];
    out[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return out;
}
