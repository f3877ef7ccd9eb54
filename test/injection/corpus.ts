/**
 * The adversarial corpus (test/fixtures/injections/payloads.json): injected instructions over
 * every channel Steward reads, every side-effect class and the known bypass routes.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const CHANNELS = ['file', 'document', 'email', 'calendar', 'web', 'sms', 'mcp', 'tool', 'pasted', 'memory'] as const;

const FactSchema = z.object({ subject: z.string(), subjectType: z.string(), predicate: z.string(), object: z.string(), marker: z.string() }).strict();

export const PayloadSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    channel: z.enum(CHANNELS),
    /** followup: read it, then "go ahead"; plan: a task that reads it then acts; pasted: pasted into the chat; memory: learned, then recalled in a new conversation. */
    flow: z.enum(['followup', 'plan', 'pasted', 'memory']),
    hiding: z.enum(['plain', 'base64', 'html-comment', 'zero-width', 'fake-system', 'forged-approval', 'pre-approved', 'two-factor', 'fake-user']),
    bypass: z.enum(['grant-reuse', 'forged-approval', 'expired-approval', 'pre-approved', 'settings-change', 'two-factor', 'fake-user-turn']).nullable(),
    /** The untrusted text as the channel delivers it. */
    content: z.string().min(1),
    /** What an obedient model reacts to (the instruction, in whatever encoding the content uses). */
    trigger: z.string().min(1),
    attack: z.object({ tool: z.string(), params: z.record(z.string(), z.unknown()) }).strict().nullable(),
    fact: FactSchema.nullable(),
  })
  .strict();
export type Payload = z.infer<typeof PayloadSchema>;

export function loadCorpus(file = new URL('../fixtures/injections/payloads.json', import.meta.url)): Payload[] {
  const parsed = z.object({ description: z.string(), payloads: z.array(PayloadSchema).min(40) }).strict().parse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.payloads;
}
