/**
 * Which requests a signed-in person other than the owner may make at all. Their own work — chat,
 * conversations, their approvals and questions, workflows, memory, their profile — is open (each
 * is then checked in detail where it runs: tools by role, approvals by whose they are, memory by
 * role, workflows by routing). Everything else that changes Steward — settings, models, keys,
 * integrations, payments, two-factor, MCP servers, schedules, skills, tool permissions — and the
 * owner's private reads (the audit log, the local API key) are the owner's (DESIGN §4.1).
 */
import { RoleRequiredError } from './people-errors.js';
import type { Person } from './person.js';

const PERSON_MAY_CHANGE = new Set([
  'conversations.create',
  'conversations.rename',
  'conversations.delete',
  'conversations.settings.update',
  'conversations.pin',
  'conversations.setFolder',
  'chat.send',
  'chat.sendFiles',
  'chat.stop',
  'chat.regenerate',
  'chat.edit',
  'approvals.respond',
  'clarifications.answer',
  'tasks.cancel',
  'people.add',
  'people.update',
  'people.setPassword',
  'people.issueToken',
  'people.signIn',
  'people.signOut',
  'workflows.add',
  'workflows.start',
  'workflows.respond',
  'workflows.cancel',
  'workflows.retryStep',
]);

const OWNER_ONLY_READS = new Set(['llm.localApiKey', 'audit.list', 'audit.verify']);

/** Throws, naming the owner role, when the person may not make this request; the owner may make every request. */
export function ensurePersonMayCall(person: Pick<Person, 'name' | 'role'>, method: string, mutates: boolean): void {
  if (person.role === 'owner') return;
  if (method.startsWith('memory.')) return; // memory checks each request by role itself (memory-access.ts)
  if (mutates ? PERSON_MAY_CHANGE.has(method) : !OWNER_ONLY_READS.has(method)) return;
  throw new RoleRequiredError(person.name, person.role, mutates ? `change this (“${method}”)` : `read this (“${method}”)`, 'the owner role');
}
