import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedProvider } from '../../../src-main/core/llm/scripted-provider.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { tempDir } from '../../helpers/test-core.js';
import { PURCHASE_YAML } from './support/workflow-tools.js';
import { openWorkflowWorld, type WorkflowWorld } from './support/workflow-world.js';

let world: WorkflowWorld | null = null;
let dataDir = '';
afterEach(async () => {
  await world?.close();
  world = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('starting a workflow from a chat sentence', () => {
  it('recognises the workflow, asks for the input the sentence did not give, and starts only on yes', async () => {
    dataDir = tempDir('steward-workflow-chat-');
    // The model only reads the sentence into inputs; it leaves out what was not said.
    const provider = new ScriptedProvider({ rules: [{ match: { schemaName: 'workflow_inputs' }, response: { type: 'json', value: { item: 'laptop', amount: null } } }] });
    const w = (world = await openWorkflowWorld({ dataDir, secrets: createMemorySecretStore(), provider }));
    const people = w.core.people;
    const owner = people.owner();
    people.add(owner, { name: 'Priya Shah', email: 'priya@acme.test', role: 'director' });
    people.add(owner, { name: 'Ana Costa', email: 'ana@acme.test', role: 'director', departments: ['finance'] });
    w.workflows.catalog.add(PURCHASE_YAML, 'purchase.yaml');

    const say = async (text: string, conversationId?: string) => {
      const sent = await w.core.request('chat.send', { text, ...(conversationId && { conversationId }) });
      const replies = (await w.core.conversations.replyTo(sent.message.id)) ?? [];
      return { conversationId: sent.conversationId, text: replies.map((m) => m.text).join('\n') };
    };

    const first = await say('Please buy a laptop for the design team');
    expect(first.text).toBe('To start “Purchase” I still need: amount.\nReply with them, one per line, like “amount: …”.');
    expect(w.workflows.engine.deps.repo.listRuns()).toEqual([]);

    const second = await say('$1,200', first.conversationId);
    expect(second.text).toBe('Shall I start “Purchase” with item: laptop, amount: 1200?\nSay yes to start it; the approvals it needs go to the people they are routed to, and you can follow it on the Workflows screen.');
    expect(w.workflows.engine.deps.repo.listRuns()).toEqual([]);

    const third = await say('yes', first.conversationId);
    expect(third.text).toBe('Started “Purchase” — now on “Record the request”. Its approvals go to the people they are routed to; follow it on the Workflows screen.');
    const [run] = w.workflows.engine.deps.repo.listRuns();
    expect(run).toMatchObject({ workflowId: 'purchase', startedVia: 'chat', inputs: { item: 'laptop', amount: 1200 }, startedBy: owner.id });
    await expect.poll(() => w.workflows.engine.view(run!.id).waitingFor, { timeout: 10_000 }).toBe('waiting for Director (Ana Costa or Priya Shah)');
  }, 60_000);

  it('starts a workflow at once from /workflow with its inputs, recorded as started by the schedule when a schedule sends it', async () => {
    dataDir = tempDir('steward-workflow-chat-');
    const w = (world = await openWorkflowWorld({ dataDir, secrets: createMemorySecretStore() }));
    const people = w.core.people;
    people.add(people.owner(), { name: 'Priya Shah', email: 'priya@acme.test', role: 'director', departments: ['finance'] });
    w.workflows.catalog.add(PURCHASE_YAML, 'purchase.yaml');
    const say = async (text: string, conversationId?: string) => {
      const sent = await w.core.request('chat.send', { text, ...(conversationId && { conversationId }) });
      return ((await w.core.conversations.replyTo(sent.message.id)) ?? []).map((m) => m.text).join('\n');
    };
    expect(await say('/workflow purchase item=chair')).toBe('The workflow "Purchase" cannot start — "amount" is missing. Nothing was started.');
    expect(await say('/workflow purchase item="office chair" amount=80')).toBe('Started “Purchase” — now on “Record the request”. Follow it on the Workflows screen.');

    const conversation = w.core.conversations.create('Scheduled: weekly chair');
    w.core.db.raw
      .prepare("INSERT INTO schedules (id, title, request, kind, cron, time_zone, missed_policy, conversation_id, created_at, updated_at) VALUES ('s1', 'weekly chair', '/workflow purchase item=chair amount=50', 'cron', '0 9 * * 1', 'UTC', 'skip', ?, '2026-01-01', '2026-01-01')")
      .run(conversation.id);
    await say('/workflow purchase item=chair amount=50', conversation.id);
    const runs = w.workflows.engine.deps.repo.listRuns();
    expect(runs.map((r) => `${r.startedVia}:${String(r.inputs.item)}:${String(r.inputs.amount)}`).sort()).toEqual(['chat:office chair:80', 'schedule:chair:50']);
  }, 60_000);

  it('leaves questions and unrelated requests to the agent', async () => {
    dataDir = tempDir('steward-workflow-chat-');
    const w = (world = await openWorkflowWorld({ dataDir, secrets: createMemorySecretStore() }));
    w.workflows.catalog.add(PURCHASE_YAML.replace(/to: \{ role: director(, department: finance)? \}/g, 'to: { role: owner }'), 'purchase.yaml');
    const { workflowFromSentence } = await import('../../../src-main/core/workflows/workflow-from-chat.js');
    expect(await workflowFromSentence(w.workflows, new ScriptedProvider({}), 'what did we buy last week?')).toBeNull();
    expect(await workflowFromSentence(w.workflows, new ScriptedProvider({}), 'summarise the sales report')).toBeNull();
  }, 60_000);
});
