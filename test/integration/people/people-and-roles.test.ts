import { rmSync } from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { USER_PROVENANCE } from '../../../src-main/core/tools/provenance.js';
import { tempDir } from '../../helpers/test-core.js';
import { journalLines } from '../workflows/support/workflow-tools.js';
import { openWorkflowWorld, type WorkflowWorld } from '../workflows/support/workflow-world.js';

let world: WorkflowWorld | null = null;
let dataDir = '';
afterEach(async () => {
  await world?.close();
  world = null;
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(): Promise<WorkflowWorld> {
  dataDir = tempDir('steward-people-');
  world = await openWorkflowWorld({ dataDir, secrets: createMemorySecretStore() });
  return world;
}

describe('people and roles', () => {
  it('makes the OS user the owner, and only the owner adds and changes people', async () => {
    const w = await open();
    const people = w.core.people;
    const owner = people.owner();
    expect(owner).toMatchObject({ role: 'owner', name: os.userInfo().username });
    const priya = people.add(owner, { name: ' Priya Shah ', email: 'Priya@Acme.test', role: 'director', departments: ['hr'] });
    expect(priya).toMatchObject({ name: 'Priya Shah', email: 'priya@acme.test', role: 'director', departments: ['hr'], canSignIn: false });
    expect(() => people.add(priya, { name: 'Sam', email: 'sam@acme.test', role: 'employee' })).toThrow('Priya Shah (director) may not add people: it needs the owner role. The owner can change roles in Settings › People.');
    expect(() => people.add(owner, { name: 'P2', email: 'priya@acme.test', role: 'manager' })).toThrow(/already has a profile/);
    expect(() => people.add(owner, { name: 'X', email: 'not-an-email', role: 'boss' as 'manager' })).toThrow(/Invalid person — email: must be an email address such as priya@example.com; role: must be one of owner, director, manager, employee/);
    expect(() => people.update(owner, owner.id, { role: 'employee' })).toThrow(/The owner keeps the owner role/);
    expect(people.update(owner, priya.id, { role: 'manager', departments: ['finance'] })).toMatchObject({ role: 'manager', departments: ['finance'] });
    expect(people.list().map((p) => p.role)).toEqual(['owner', 'manager']);
  });

  it('signs people in with a scrypt-hashed password or a token, and refuses wrong ones without saying which part was wrong', async () => {
    const w = await open();
    const people = w.core.people;
    const owner = people.owner();
    const sam = people.add(owner, { name: 'Sam Park', email: 'sam@acme.test', role: 'employee' });
    await expect(people.setPassword(owner, sam.id, 'short')).rejects.toThrow('Invalid password — (root): must be at least 10 characters. Nothing was changed.');
    await people.setPassword(owner, sam.id, 'correct horse battery');
    const stored = people.repo.passwordHash(sam.id)!;
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('correct horse');
    await expect(people.signIn('SAM@acme.test', 'correct horse battery')).resolves.toMatchObject({ id: sam.id });
    await expect(people.signIn('sam@acme.test', 'wrong password!')).rejects.toThrow('That email and password (or token) do not match a profile.');
    await expect(people.signIn('nobody@acme.test', 'correct horse battery')).rejects.toThrow('That email and password (or token) do not match a profile.');

    const first = people.issueToken(sam, sam.id).token;
    expect(people.authenticateToken(first).id).toBe(sam.id);
    const second = people.issueToken(owner, sam.id).token;
    expect(() => people.authenticateToken(first)).toThrow(/do not match a profile/);
    expect(people.authenticateToken(second).id).toBe(sam.id);
    people.update(owner, sam.id, { active: false });
    expect(() => people.authenticateToken(second)).toThrow(/do not match a profile/);
  });

  it('refuses a tool call from someone whose role does not open the tool, naming the role, and audits who asked', async () => {
    const w = await open();
    const people = w.core.people;
    const owner = people.owner();
    const sam = people.add(owner, { name: 'Sam Park', email: 'sam@acme.test', role: 'employee' });
    const outcome = await w.agent.deps.runner.run({
      callKey: 'c1',
      tool: 'partner.notify',
      args: { to: 'acme', text: 'hi' },
      taskId: null,
      conversationId: null,
      provenance: USER_PROVENANCE,
      actor: `person:${sam.email}`,
      person: sam,
      workspaceDir: w.core.paths.workspaceDir,
      signal: new AbortController().signal,
    });
    expect(outcome.status).toBe('rejected');
    expect(outcome.status === 'rejected' && outcome.error.userMessage).toBe('Sam Park (employee) may not use “Notify a partner”: it needs the manager role. The owner can change roles in Settings › People.');
    expect(journalLines(w.journal)).toEqual([]);
    expect(w.core.db.raw.prepare('SELECT COUNT(*) AS n FROM approvals').get()).toEqual({ n: 0 });
    expect(w.core.audit.list({ limit: 5 }).find((r) => r.action === 'tool:partner.notify')).toMatchObject({ actor: 'person:sam@acme.test', result: 'rejected', approver: 'policy:role' });

    // A department bundles its tools: the same employee in HR may draft local ledger entries but still not message partners.
    const local = await w.agent.deps.runner.run({ callKey: 'c2', tool: 'ledger.record', args: { entry: 'x' }, taskId: null, conversationId: null, provenance: USER_PROVENANCE, actor: `person:${sam.email}`, person: sam, workspaceDir: w.core.paths.workspaceDir, signal: new AbortController().signal });
    expect(local.status).toBe('succeeded');
  });
});
