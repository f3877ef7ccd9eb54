import { afterEach, describe, expect, it } from 'vitest';
import { agentHandlers } from '../../../src-main/core/api/handlers/agent.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';
import { createHarness, intentResponse, is, type Harness } from './support/agent-harness.js';
import { ensureAgentMigrationRegistered } from './support/agent-migration.js';

let h: Harness | null = null;
let bare: TestCore | null = null;
afterEach(async () => {
  await h?.dispose();
  await bare?.dispose();
  h = null;
  bare = null;
});

describe('agent request handlers', () => {
  it('serve approvals, tools and tasks of the core’s agent', async () => {
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'send_message', parameters: { to: 'ann@example.com', body: 'hi' } }) }] },
    });
    const deps = { agent: h.agent, core: h.core };
    const ctx = { actor: 'ui' };
    await h.send('message ann');
    const requested = await h.waitFor(is('approval.requested'));
    expect(agentHandlers['approvals.list'].run({ status: 'pending' }, deps, ctx).map((a) => a.id)).toEqual([requested.approval.id]);
    const tools = await agentHandlers['tools.list'].run({}, deps, ctx);
    expect(tools.map((t) => t.name)).toContain('send_message');
    const changed = await agentHandlers['tools.setPermission'].run({ tool: 'write_note', mode: 'ask' }, deps, ctx);
    expect(changed).toMatchObject({ name: 'write_note', permission: 'ask' });
    await expect(agentHandlers['tools.setPermission'].run({ tool: 'nope', mode: 'ask' }, deps, ctx)).rejects.toMatchObject({ code: 'not_found' });
    const responded = await agentHandlers['approvals.respond'].run({ id: requested.approval.id, decision: 'approve' }, deps, ctx);
    expect(responded).toMatchObject({ applied: true, approval: { decidedBy: 'ui' } });
    await h.waitForTask(requested.approval.taskId!, ['succeeded']);
    await expect(agentHandlers['tasks.cancel'].run({ id: requested.approval.taskId! }, deps, ctx)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('say clearly when no agent is running', async () => {
    ensureAgentMigrationRegistered();
    bare = await createTestCore({ installAgent: false });
    const deps = { agent: null, core: bare.core };
    expect(() => agentHandlers['approvals.list'].run({}, deps, { actor: 'ui' })).toThrow(/assistant is not running/);
    // The same answer through the core's own request path, where no agent was attached.
    await expect(bare.core.request('approvals.list', {})).rejects.toThrow(/assistant is not running/);
  });
});
