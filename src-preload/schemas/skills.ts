import { z } from 'zod';
import { spec } from './method-spec.js';
import { IdSchema } from './entities.js';

/**
 * Skills: reusable tasks the user defines ("weekly report": a prompt with {{inputs}}, the tools it
 * may use). Saved from a finished task or written in a file, listed as quick actions and run as
 * slash commands (/weekly_report period="last week"), shared as a .steward-skill.json file.
 */

/** Becomes a slash command, so it cannot take the name of a built-in one. */
export const RESERVED_SKILL_NAMES = ['help', 'tools', 'tasks', 'cancel', 'approve', 'reject', 'answer', 'remember', 'forget', 'schedule', 'skill', 'skills', 'clear', 'status', 'exit'];

export const SkillNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must start with a letter and use only lowercase letters, digits and "_" (2–40 characters), e.g. weekly_report')
  .refine((n) => !RESERVED_SKILL_NAMES.includes(n), 'is the name of a built-in command; choose another');

export const SkillInputSpecSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, 'must be lowercase letters, digits and "_", e.g. period'),
    description: z.string().max(200).default(''),
    required: z.boolean().default(true),
  })
  .strict();

export const SkillDraftSchema = z
  .object({
    name: SkillNameSchema,
    description: z.string().trim().min(1, 'is empty — say in a line what the skill does').max(300),
    /** The request, with {{input}} placeholders for each input. */
    prompt: z.string().trim().min(1, 'is empty').max(8000, 'is too long (max 8,000 characters)'),
    inputs: z.array(SkillInputSpecSchema).max(10).default([]),
    allowedTools: z.array(z.string().min(1).max(64)).max(30).default([]),
  })
  .strict();
export type SkillDraft = z.input<typeof SkillDraftSchema>;

export const SkillSchema = z.object({
  id: IdSchema,
  name: z.string(),
  description: z.string(),
  prompt: z.string(),
  inputs: z.array(z.object({ name: z.string(), description: z.string(), required: z.boolean() })),
  allowedTools: z.array(z.string()),
  source: z.enum(['task', 'file', 'manual']),
  /** "/weekly_report" */
  command: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Skill = z.infer<typeof SkillSchema>;

/** The file a skill is shared as. */
export const SkillFileSchema = z.object({ stewardSkill: z.literal(1), skill: SkillDraftSchema }).strict();

const ByName = z.object({ name: SkillNameSchema }).strict();

export const SKILL_METHODS = {
  'skills.list': spec(z.object({}).strict(), z.array(SkillSchema)),
  'skills.save': spec(SkillDraftSchema.extend({ replace: z.boolean().default(false) }).strict(), SkillSchema, true),
  'skills.saveFromTask': spec(z.object({ taskId: IdSchema, name: SkillNameSchema, description: z.string().trim().max(300).optional() }).strict(), SkillSchema, true),
  'skills.import': spec(z.object({ text: z.string().min(1, 'is empty').max(200_000) }).strict(), SkillSchema, true),
  'skills.export': spec(ByName, z.object({ fileName: z.string(), text: z.string() })),
  'skills.delete': spec(ByName, z.object({ deleted: z.boolean() }), true),
  'skills.run': spec(
    z.object({ name: SkillNameSchema, inputs: z.record(z.string(), z.string().max(4000)).default({}), conversationId: IdSchema.optional() }).strict(),
    z.object({ conversationId: IdSchema, messageId: IdSchema }),
    true,
  ),
};
