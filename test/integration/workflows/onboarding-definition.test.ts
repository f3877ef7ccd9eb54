import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workflowsOf } from '../../../src-main/core/agent/extension-services.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe('the shipped new-hire onboarding workflow on the real built-in tools', () => {
  it('writes the offer letter, routes the Director and (above $150,000) Finance approvals, and stops at the HR system when it is not connected, saying where to connect it', async () => {
    t = await createTestCore();
    const people = t.core.people;
    const owner = people.owner();
    const priya = people.add(owner, { name: 'Priya Shah', email: 'priya@acme.test', role: 'director', departments: ['hr'] });
    const ana = people.add(owner, { name: 'Ana Costa', email: 'ana@acme.test', role: 'director', departments: ['finance'] });
    const { catalog, engine } = workflowsOf(t.core.assistant()?.extensions ?? null);
    const run = engine.start({
      definition: catalog.get('new-hire-onboarding'),
      inputs: { firstName: 'Dana', lastName: 'Lee', jobTitle: 'Senior Engineer', startDate: '2027-01-05', salary: '$160,000', manager: 'Priya Shah', email: 'dana.lee@example.com' },
      startedBy: owner,
      via: 'ui',
    });
    await expect.poll(() => engine.view(run.id).waitingFor, { timeout: 20_000 }).toBe('waiting for Director (Ana Costa or Priya Shah) and Finance director (Ana Costa)');
    const letter = engine.view(run.id).steps.find((s) => s.stepId === 'offer_letter')!;
    expect(letter.status).toBe('succeeded');
    const output = engine.deps.repo.step(run.id, 'offer_letter').output as { path: string };
    expect(existsSync(path.join(t.core.paths.workspaceDir, 'workflows', run.id, output.path))).toBe(true);

    engine.respond({ requestId: engine.inbox(priya).find((r) => r.stepId === 'director_approval')!.id, person: priya, decision: 'approve', comment: 'Welcome Dana' });
    engine.respond({ requestId: engine.inbox(ana).find((r) => r.stepId === 'finance_approval')!.id, person: ana, decision: 'approve' });
    await expect.poll(() => engine.view(run.id).run.status, { timeout: 20_000 }).toBe('failed');
    const view = engine.view(run.id);
    expect(view.run.detail).toMatch(/^Step “Create the employee in the HR system” failed: The tool "hris.createEmployee" is not set up yet: .*Integrations › BambooHR \(HRIS\)/);
    expect(view.steps.filter((s) => s.status === 'succeeded').map((s) => s.stepId)).toEqual(['offer_letter', 'director_approval', 'finance_approval']);
    expect(view.steps.find((s) => s.stepId === 'welcome_email')?.status).toBe('pending');
  }, 60_000);
});
