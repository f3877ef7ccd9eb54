/**
 * What the dashboards e2e test starts the real server with: a scripted model (one reply, one
 * failure, so the router has calls and a failure rate), a memory export to import (facts in
 * three categories), and a model catalog whose only entry is served by a local HTTP server that
 * stalls midway, so a download shows progress and can be cancelled without touching the internet.
 */
import { writeFileSync } from 'node:fs';
import type { ScriptInput } from '../../../src-main/core/llm/scripted-provider.js';
import type { ModelCatalog } from '../../../src-preload/schemas/models.js';
import { catalogEntry } from '../../integration/models/helpers/test-catalog.js';

const intent = (name: string) => ({ type: 'json' as const, value: { intent: name, confidence: 0.95, tool: null, parameters: null, question: null } });

export function dashboardsScript(): ScriptInput {
  return {
    rules: [
      { match: { role: 'intent' }, response: intent('conversation') },
      { match: { lastUser: 'break' }, response: { type: 'error', error: 'failed', message: 'the scripted model broke on purpose' } },
    ],
    fallback: { type: 'text', text: 'Noted — happy to help.', usage: { promptTokens: 120, completionTokens: 30 } },
  };
}

export function writeDashboardsScript(file: string): void {
  writeFileSync(file, JSON.stringify(dashboardsScript()));
}

const AT = '2026-01-05T09:00:00.000Z';

function entity(id: string, type: 'person' | 'company' | 'project', name: string) {
  return { id, type, name, aliases: [], role: null, summary: null, summarisedAt: null, createdAt: AT, updatedAt: AT, lastMentionedAt: AT };
}

function fact(id: string, subjectEntityId: string, predicate: string, object: string, category: string) {
  return {
    id,
    subjectEntityId,
    predicate,
    object,
    objectEntityId: null,
    category,
    confidence: 0.9,
    status: 'active',
    source: 'user',
    sourceMessageId: null,
    sourceConversationId: null,
    validFrom: null,
    validTo: null,
    learnedAt: AT,
    updatedAt: AT,
    retiredAt: null,
    retiredReason: null,
    supersededBy: null,
    useCount: 0,
    lastUsedAt: null,
  };
}

/** A Steward memory export (format steward-memory v1) with four facts about a small business. */
export function memoryImportFile(): string {
  return JSON.stringify({
    format: 'steward-memory',
    version: 1,
    exportedAt: AT,
    entities: [entity('ent-acme', 'company', 'Acme Bakery'), entity('ent-bob', 'person', 'Bob Jones'), entity('ent-site', 'project', 'Website relaunch')],
    facts: [
      fact('fact-vat', 'ent-acme', 'vat_number', 'GB123456789', 'company_info'),
      fact('fact-city', 'ent-acme', 'located_in', 'Bristol', 'company_info'),
      fact('fact-bob-email', 'ent-bob', 'email', 'bob@acme.test', 'team_members'),
      fact('fact-site-deadline', 'ent-site', 'deadline', 'March 2026', 'projects'),
    ],
    relationships: [],
    history: [],
    episodes: [],
    questions: [],
    taskRuns: [],
    workflows: [],
  });
}

/** One downloadable chat model, served from `url`. */
export function stallingCatalog(url: string, sizeBytes: number): ModelCatalog {
  return {
    version: 1,
    models: [catalogEntry({ id: 'tiny-chat', displayName: 'Tiny Chat', fileName: 'tiny-chat.gguf', source: url, sizeBytes, notes: 'A test model served locally.' })],
  };
}
