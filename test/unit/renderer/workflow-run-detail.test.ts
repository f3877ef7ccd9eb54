import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkflowRunDetail } from '../../../src-preload/contract.js';
import { workflowsOf } from '../../../src-main/core/agent/extension-services.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

// The component is .tsx, which the node tsconfig does not compile; vitest runs it fine (as data-locations.test.ts does).
const DETAIL = '../../../src-renderer/features/workflows/workflow-run-detail.js';
const { WorkflowRunDetailView } = (await import(DETAIL)) as {
  WorkflowRunDetailView: ComponentType<{ detail: WorkflowRunDetail; busy: boolean; onCancel: () => void; onRetry: (stepId: string) => void }>;
};

let t: TestCore | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe('Workflows screen: a run as steps and a timeline', () => {
  it('shows who the run waits for, then who approved what, when and with what comment', async () => {
    t = await createTestCore();
    const people = t.core.people;
    const owner = people.owner();
    const mo = people.add(owner, { name: 'Mo Reyes', email: 'mo@acme.test', role: 'manager' });
    people.add(owner, { name: 'Priya Shah', email: 'priya@acme.test', role: 'director' });
    const started = await t.core.request('workflows.start', { workflowId: 'expense-approval', inputs: { requester: 'Sam', requesterEmail: 'sam@acme.test', amount: 40, purpose: 'taxi' } });
    const waiting = renderToStaticMarkup(createElement(WorkflowRunDetailView, { detail: started, busy: false, onCancel: () => undefined, onRetry: () => undefined }));
    expect(waiting).toContain('waiting for Manager (Mo Reyes)');
    expect(waiting).toContain('Stop this run');

    const { engine } = workflowsOf(t.core.assistant()?.extensions ?? null);
    engine.respond({ requestId: engine.inbox(mo)[0]!.id, person: mo, decision: 'reject', comment: 'no receipt' });
    const after = await t.core.request('workflows.run', { id: started.run.id });
    const html = renderToStaticMarkup(createElement(WorkflowRunDetailView, { detail: after, busy: false, onCancel: () => undefined, onRetry: () => undefined }));
    expect(html).toContain('<strong>Manager (Mo Reyes)</strong> rejected “A manager approves”<span class="workflow-comment">“no receipt”</span>');
    expect(html).toContain('Manager (Mo Reyes) rejected “A manager approves”: “no receipt”');
    expect(html).not.toContain('Stop this run');
  });
});
