/**
 * Skills in the profile's database, and everything that checks them: names, placeholders that
 * match the inputs, allowed tools that exist, files that follow the skill file format.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SkillDraftSchema, SkillFileSchema, type Skill, type SkillDraft } from '../../../src-preload/schemas/skills.js';
import { StewardError } from '../errors.js';
import type { SqliteDatabase } from '../store/sqlite.js';
import { parseOrThrow } from '../validation.js';
import { SkillInvalidError, SkillNotFoundError } from './skill-errors.js';

interface Row {
  id: string;
  name: string;
  description: string;
  prompt: string;
  inputs: string;
  allowed_tools: string;
  source: Skill['source'];
  created_at: string;
  updated_at: string;
}

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

export class SkillStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
    private readonly toolExists: (name: string) => boolean,
  ) {}

  list(): Skill[] {
    return (this.db.prepare('SELECT * FROM skills ORDER BY name').all() as Row[]).map(toSkill);
  }

  find(name: string): Skill | null {
    const row = this.db.prepare('SELECT * FROM skills WHERE name = ?').get(name) as Row | undefined;
    return row ? toSkill(row) : null;
  }

  get(name: string): Skill {
    const skill = this.find(name);
    if (!skill) throw new SkillNotFoundError(name);
    return skill;
  }

  save(raw: SkillDraft, source: Skill['source'], replace = false): Skill {
    const draft = parseOrThrow(SkillDraftSchema, raw, 'skill');
    const declared = new Set(draft.inputs.map((i) => i.name));
    const used = new Set([...draft.prompt.matchAll(PLACEHOLDER)].map((m) => m[1]!));
    const undeclared = [...used].filter((n) => !declared.has(n));
    if (undeclared.length > 0) throw new SkillInvalidError(`The prompt uses {{${undeclared.join('}}, {{')}}} but the skill has no such input.`, 'Add the input, or remove the placeholder.');
    const unused = [...declared].filter((n) => !used.has(n));
    if (unused.length > 0) throw new SkillInvalidError(`The input${unused.length > 1 ? 's' : ''} ${unused.join(', ')} never appear${unused.length > 1 ? '' : 's'} in the prompt.`, `Write {{${unused[0]}}} where it belongs, or remove the input.`);
    const missing = draft.allowedTools.filter((t) => !this.toolExists(t));
    if (missing.length > 0) throw new SkillInvalidError(`The skill allows ${missing.map((t) => `“${t}”`).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed.`, 'Check the names with /tools, or install the MCP server that provides it.');
    const existing = this.find(draft.name);
    if (existing && !replace) throw new StewardError('conflict', `A skill called "${draft.name}" already exists. Choose another name, or replace it.`);
    const at = this.now().toISOString();
    const values = [draft.description, draft.prompt, JSON.stringify(draft.inputs), JSON.stringify(draft.allowedTools)];
    if (existing) this.db.prepare('UPDATE skills SET description = ?, prompt = ?, inputs = ?, allowed_tools = ?, source = ?, updated_at = ? WHERE name = ?').run(...values, source, at, draft.name);
    else this.db.prepare('INSERT INTO skills (id, name, description, prompt, inputs, allowed_tools, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(randomUUID(), draft.name, ...values, source, at, at);
    return this.get(draft.name);
  }

  delete(name: string): boolean {
    this.get(name);
    return this.db.prepare('DELETE FROM skills WHERE name = ?').run(name).changes > 0;
  }

  /** The shareable file of a skill. */
  exportFile(name: string): { fileName: string; text: string } {
    const skill = this.get(name);
    const file = { stewardSkill: 1 as const, skill: { name: skill.name, description: skill.description, prompt: skill.prompt, inputs: skill.inputs, allowedTools: skill.allowedTools } };
    return { fileName: `${skill.name}.steward-skill.json`, text: `${JSON.stringify(file, null, 2)}\n` };
  }

  importFile(text: string): Skill {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SkillInvalidError('The skill file is not valid JSON.', 'Export the skill again from Steward, or fix the file in a text editor.');
    }
    const file = SkillFileSchema.safeParse(json);
    if (!file.success) {
      const issues = file.error.issues.map((i: z.core.$ZodIssue) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ');
      throw new SkillInvalidError(`The file is not a Steward skill (${issues}).`, 'It should look like {"stewardSkill": 1, "skill": {"name": …, "description": …, "prompt": …}}.');
    }
    return this.save(file.data.skill, 'file');
  }
}

/** The prompt with each {{input}} filled in; a required input that is missing is named. */
export function renderSkill(skill: Skill, inputs: Record<string, string>): string {
  const missing = skill.inputs.filter((i) => i.required && !inputs[i.name]?.trim()).map((i) => i.name);
  if (missing.length > 0) throw new SkillInvalidError(`The skill “${skill.name}” needs ${missing.map((m) => `${m}="…"`).join(' ')}.`, `Run it as /${skill.name} ${missing.map((m) => `${m}="…"`).join(' ')}.`);
  const unknown = Object.keys(inputs).filter((k) => !skill.inputs.some((i) => i.name === k));
  if (unknown.length > 0) throw new SkillInvalidError(`The skill “${skill.name}” has no input ${unknown.join(', ')}.`, `Its inputs are: ${skill.inputs.map((i) => i.name).join(', ') || 'none'}.`);
  return skill.prompt.replace(PLACEHOLDER, (_m, name: string) => inputs[name]?.trim() ?? '');
}

function toSkill(row: Row): Skill {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    prompt: row.prompt,
    inputs: JSON.parse(row.inputs) as Skill['inputs'],
    allowedTools: JSON.parse(row.allowed_tools) as string[],
    source: row.source,
    command: `/${row.name}`,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
