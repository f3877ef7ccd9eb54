import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const TOKEN = 'test-token-0123456789abcdef';
// Response bodies are checked field by field below; their static type does not matter here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json();

describe('people and workflows through the local server (a small team sharing one Steward)', () => {
  let t: TestCore;
  let server: RunningServer;

  beforeAll(async () => {
    t = await createTestCore();
    server = await startServer(t.core, { port: 0, token: TOKEN, rendererDir: tempDir('steward-renderer-') });
  });
  afterAll(async () => {
    await server.close();
    await t.dispose();
  });

  const api = (method: string, body: unknown, person?: string) =>
    fetch(`${server.url}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(person ? { 'x-steward-person': person } : {}) },
      body: JSON.stringify(body),
    });

  it('signs people in, routes the expense approvals to them in turn, and an unconnected email step says so with where to set it up', async () => {
    const mo = await json(await api('people.add', { name: 'Mo Reyes', email: 'mo@acme.test', role: 'manager', departments: ['finance'] }));
    const priya = await json(await api('people.add', { name: 'Priya Shah', email: 'priya@acme.test', role: 'director' }));
    const sam = await json(await api('people.add', { name: 'Sam Park', email: 'sam@acme.test', role: 'employee' }));
    await api('people.setPassword', { id: priya.id, password: 'priya-password-1' });
    const moToken = (await json(await api('people.issueToken', { id: mo.id }))).token as string;
    const samToken = (await json(await api('people.issueToken', { id: sam.id }))).token as string;

    const badSignIn = await api('people.signIn', { email: 'priya@acme.test', password: 'nope-nope-nope' });
    expect(badSignIn.status).toBe(401);
    const priyaToken = (await json(await api('people.signIn', { email: 'priya@acme.test', password: 'priya-password-1' }))).token as string;
    expect((await json(await api('people.me', {}, priyaToken))).name).toBe('Priya Shah');
    expect((await api('people.me', {}, 'stw_not-a-token')).status).toBe(401);
    const samAdds = await api('people.add', { name: 'X', email: 'x@acme.test', role: 'employee' }, samToken);
    expect(samAdds.status).toBe(401);
    expect((await json(samAdds)).error.message).toBe('Sam Park (employee) may not add people: it needs the owner role. The owner can change roles in Settings › People.');

    const list = (await json(await api('workflows.list', {}))) as { id: string; problems: unknown[] }[];
    expect(list.find((w) => w.id === 'expense-approval')?.problems).toEqual([]);
    const input = { workflowId: 'expense-approval', inputs: { requester: 'Sam Park', requesterEmail: 'sam@acme.test', amount: '1,500', purpose: 'conference tickets' } };
    const samStarts = await api('workflows.start', input, samToken);
    expect(samStarts.status).toBe(401);
    expect((await json(samStarts)).error.message).toMatch(/^Sam Park \(employee\) may not start “Expense approval” \(its step “Tell the requester” uses “Send an email”\): it needs the manager role, or a profile in HR or Finance or Operations\./);

    const started = await json(await api('workflows.start', input, moToken));
    expect(started.run).toMatchObject({ status: 'waiting', startedBy: 'Mo Reyes', inputs: { amount: 1500 } });
    expect(started.waitingFor).toBe('waiting for Manager (Mo Reyes)');
    const moInbox = await json(await api('workflows.inbox', {}, moToken));
    expect(moInbox).toHaveLength(1);
    expect((await json(await api('workflows.inbox', {}, priyaToken)))).toEqual([]);
    const afterMo = await json(await api('workflows.respond', { requestId: moInbox[0].id, decision: 'approve', comment: 'fine' }, moToken));
    expect(afterMo.waitingFor).toBe('waiting for Director (Priya Shah)');

    const priyaInbox = await json(await api('workflows.inbox', {}, priyaToken));
    await api('workflows.respond', { requestId: priyaInbox[0].id, decision: 'approve', comment: 'ok, keep receipts' }, priyaToken);
    await expect.poll(async () => (await json(await api('workflows.run', { id: started.run.id }))).run.status, { timeout: 15_000 }).toBe('failed');
    const run = await json(await api('workflows.run', { id: started.run.id }));
    expect(run.run.detail).toBe('Step “Tell the requester” failed: The tool "email.send" is not set up yet: No SMTP server is set up. Add your SMTP server in Integrations › Email (SMTP).');
    expect(run.timeline.map((e: { actor: string; what: string; comment: string | null }) => `${e.actor}: ${e.what}${e.comment ? ` — ${e.comment}` : ''}`)).toEqual(
      expect.arrayContaining(['Manager (Mo Reyes): approved “A manager approves” — fine', 'Director (Priya Shah): approved “A director approves an expense above $1,000” — ok, keep receipts']),
    );
    const audit = await json(await api('audit.list', { limit: 50 }));
    expect(audit.find((row: { action: string; actor: string }) => row.action === 'workflows.respond' && row.actor === 'person:priya@acme.test')).toBeTruthy();
    expect(audit.find((row: { action: string; actor: string }) => row.action === 'workflow.approve' && row.actor === 'person:mo@acme.test')).toBeTruthy();
  }, 60_000);

  it('refuses a definition with problems through the API, naming each line, and keeps nothing', async () => {
    const bad = await api('workflows.add', { text: 'id: bad\nversion: 1\ntitle: Bad\nsteps:\n  - id: a\n    tool: no.such_tool\n', source: 'bad.yaml' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toBe('The workflow bad.yaml cannot be loaded — line 6: step "a" calls the tool "no.such_tool", which is not installed in this Steward. Fix the definition and load it again; nothing was changed.');
    expect(((await json(await api('workflows.list', {}))) as { id: string }[]).map((w) => w.id)).not.toContain('bad');
  });
});
