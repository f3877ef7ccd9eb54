/**
 * The model's part of learning: a JSON-schema request for the facts and entities in the latest
 * turns. The model only proposes; confidence comes from code (explicit 0.9, implied 0.6), and
 * every proposal still passes validation and the privacy filter.
 */
import { z } from 'zod';
import { ENTITY_TYPES, FACT_CATEGORIES } from '../../../src-preload/schemas/memory.js';
import type { ConversationModel, LlmProvider } from '../llm/provider.js';
import type { CandidateFact } from './fact-validation.js';
import { EXPLICIT_CONFIDENCE, IMPLIED_CONFIDENCE, USER_CONFIDENCE } from './fact-writer.js';

export const ExtractionSchema = z.object({
  entities: z.array(
    z.object({
      name: z.string(),
      type: z.enum(ENTITY_TYPES),
      aliases: z.array(z.string()),
    }),
  ),
  facts: z.array(
    z.object({
      subject: z.string(),
      subjectType: z.enum([...ENTITY_TYPES, 'unknown']),
      predicate: z.string(),
      object: z.string(),
      objectType: z.enum([...ENTITY_TYPES, 'value']),
      category: z.enum(FACT_CATEGORIES),
      /** Said in so many words (true) or only implied (false). */
      explicit: z.boolean(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
    }),
  ),
});
export type Extraction = z.infer<typeof ExtractionSchema>;

/** More than this from one turn is not extraction, it is noise. */
export const MAX_FACTS_PER_TURN = 40;

const SYSTEM_PROMPT = `You extract durable business facts for Steward's memory from the latest conversation turns.
Return JSON with "entities" and "facts". Only include facts about the user's business that will still matter later:
people (names, titles, emails, phone numbers, who reports to whom, team membership), the company (name, location, industry, size),
teams, projects (status, owner, deadline, decisions), tools and integrations in use, and stated preferences.

Rules:
- subject "user" is the person speaking; subject "our company" is their business.
- predicate is short snake_case: email, phone, title, reports_to, member_of, manages, works_for, uses, integrated_with,
  company_name, located_in, status, deadline, owned_by, decision, prefers, or another short phrase.
- For people's roles use predicate "title" with the person as subject ("Sarah is our CFO" → Sarah / title / CFO).
- objectType is the entity type when the object names a person, company, team, project, tool or place; otherwise "value".
- explicit = true when the user stated it directly; false when you inferred it.
- validFrom / validTo: dates as YYYY, YYYY-MM or YYYY-MM-DD when the text gives them ("since 2023", "2020–2023"), else null.
- Never include passwords, API keys, card numbers, ID numbers, bank details or health information.
- If nothing durable was said, return {"entities": [], "facts": []}.`;

export interface TurnText {
  role: 'user' | 'assistant';
  text: string;
}

export async function extractFacts(
  provider: LlmProvider,
  turns: readonly TurnText[],
  options: { explicitRequest: boolean; signal?: AbortSignal; model?: ConversationModel },
): Promise<{ candidates: CandidateFact[]; entities: Extraction['entities']; truncated: number }> {
  const transcript = turns.map((t) => `${t.role === 'user' ? 'User' : 'Steward'}: ${t.text}`).join('\n');
  const instruction = options.explicitRequest
    ? `The user explicitly asked Steward to remember this. Extract it as explicit facts.\n\n${transcript}`
    : `Latest turns:\n${transcript}`;
  const result = await provider.chatJson({
    role: 'memory',
    schema: ExtractionSchema,
    schemaName: 'memory_extraction',
    temperature: 0,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: instruction },
    ],
    ...(options.signal ? { signal: options.signal } : {}),
    // Pinned: the router asks only that model, with no fallback to the other (the conversation's own rule).
    ...(options.model && { slot: options.model.slot, ...(options.model.cloudProvider && { cloudProvider: options.model.cloudProvider }) }),
  });
  const facts = result.value.facts;
  const kept = facts.slice(0, MAX_FACTS_PER_TURN);
  return {
    candidates: kept.map((f) => ({
      subject: f.subject,
      subjectType: f.subjectType,
      predicate: f.predicate,
      object: f.object,
      objectType: f.objectType,
      category: f.category,
      confidence: options.explicitRequest ? USER_CONFIDENCE : f.explicit ? EXPLICIT_CONFIDENCE : IMPLIED_CONFIDENCE,
      validFrom: f.validFrom,
      validTo: f.validTo,
    })),
    entities: result.value.entities,
    truncated: facts.length - kept.length,
  };
}
