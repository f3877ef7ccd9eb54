import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactPreviewSchema } from '../../../src-preload/schemas/artifacts.js';
import { AgentTaskStore } from '../../../src-main/core/agent/tasks/agent-task-store.js';
import { newTaskState } from '../../../src-main/core/agent/tasks/task-state.js';
import { artifactHandlers } from '../../../src-main/core/api/handlers/artifacts.js';
import { renderDocx } from '../../../src-main/core/tools/builtin/documents/render-docx.js';
import { renderPdf } from '../../../src-main/core/tools/builtin/documents/render-pdf.js';
import { renderXlsx } from '../../../src-main/core/tools/builtin/documents/render-xlsx.js';
import { SheetSpec } from '../../../src-main/core/tools/builtin/documents/spreadsheet-schema.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

let t: TestCore;
const ctx = { actor: 'ui' };
const deps = () => ({ core: t.core });
const workspace = () => t.core.paths.workspaceDir;
const preview = (input: { path: string; taskId?: string }) => artifactHandlers['artifacts.preview'].run(input, deps(), ctx);

beforeAll(async () => {
  t = await createTestCore();
  mkdirSync(path.join(workspace(), 'docs'), { recursive: true });
});
afterAll(async () => {
  await t.dispose();
});

describe('artifacts.preview', () => {
  it('renders a generated .docx as allow-listed HTML with its headings, text and table', async () => {
    const docx = await renderDocx({
      title: 'Quarterly report',
      blocks: [
        { type: 'heading', text: 'Revenue', level: 1 },
        { type: 'paragraph', text: 'Revenue grew <script>alert(1)</script> by 12%.' },
        { type: 'bullets', items: ['North', 'South'] },
        { type: 'table', columns: ['Region', 'Sales'], rows: [['North', 120]] },
      ],
    });
    writeFileSync(path.join(workspace(), 'docs/report.docx'), docx);
    const result = await preview({ path: 'docs/report.docx' });
    expect(ArtifactPreviewSchema.parse(result).kind).toBe('html');
    if (result.kind !== 'html') throw new Error('expected html');
    expect(result.html).toContain('Quarterly report');
    expect(result.html).toMatch(/<h1>Revenue<\/h1>/);
    expect(result.html).toMatch(/<li>North<\/li>/);
    expect(result.html).toMatch(/<td>[^]*Sales|<th>[^]*Sales/);
    // The document's text is data: the script tag arrives escaped, never as markup.
    expect(result.html).not.toMatch(/<script/i);
    expect(result.html).toContain('&lt;script&gt;');
  });

  it('renders a generated .xlsx as one table per sheet with formula results', async () => {
    const sheet = SheetSpec.parse({ name: 'Budget', columns: [{ header: 'Item' }, { header: 'Cost' }], rows: [['Rent', 1000], ['Ads', 250], ['Total', { formula: 'SUM(B2:B3)' }]] });
    writeFileSync(path.join(workspace(), 'docs/budget.xlsx'), await renderXlsx([sheet]));
    const result = await preview({ path: 'docs/budget.xlsx' });
    if (result.kind !== 'table') throw new Error(`expected table, got ${result.kind}`);
    expect(result.sheets).toHaveLength(1);
    expect(result.sheets[0]!.name).toBe('Budget');
    expect(result.sheets[0]!.rows[0]).toEqual(['Item', 'Cost']);
    expect(result.sheets[0]!.rows[1]).toEqual(['Rent', '1000']);
    expect(result.sheets[0]!.rows[3]![0]).toBe('Total');
    // No cached result in a workbook Steward wrote: the cell shows its formula, never a blank.
    expect(result.sheets[0]!.rows[3]![1]).toBe('=SUM(B2:B3)');
  });

  it('reads the text of each page of a compressed pdfkit PDF', async () => {
    const blocks = [
      { type: 'heading' as const, text: 'Offer letter', level: 1 },
      { type: 'paragraph' as const, text: 'Dear Ann, we are pleased to offer you the role — starting 1 March.' },
    ];
    writeFileSync(path.join(workspace(), 'docs/offer.pdf'), await renderPdf({ title: 'Acme Ltd', blocks }));
    const result = await preview({ path: 'docs/offer.pdf' });
    if (result.kind !== 'pdf') throw new Error(`expected pdf, got ${result.kind}`);
    expect(result.pages.length).toBeGreaterThanOrEqual(1);
    const text = result.pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Acme Ltd');
    expect(text).toContain('Offer letter');
    expect(text).toContain('pleased to offer you the role — starting 1 March.');
  });

  it('returns images as data URLs and code as text with its language', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    writeFileSync(path.join(workspace(), 'shot.png'), png);
    writeFileSync(path.join(workspace(), 'app.ts'), 'export const x = 1;\n');
    const image = await preview({ path: 'shot.png' });
    expect(image).toMatchObject({ kind: 'image', mime: 'image/png', dataUrl: `data:image/png;base64,${png.toString('base64')}` });
    expect(await preview({ path: 'app.ts' })).toMatchObject({ kind: 'text', text: 'export const x = 1;\n', language: 'typescript', truncated: false });
  });

  it('refuses paths that leave the workspace, with a clear message', async () => {
    const outside = tempDir('steward-outside-');
    writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
    symlinkSync(outside, path.join(workspace(), 'escape'));
    await expect(preview({ path: '../steward.db' })).rejects.toMatchObject({ code: 'invalid_input', userMessage: expect.stringMatching(/leads outside the workspace/) });
    await expect(preview({ path: '/etc/passwd' })).rejects.toMatchObject({ code: 'invalid_input', userMessage: expect.stringMatching(/is absolute/) });
    await expect(preview({ path: 'escape/secret.txt' })).rejects.toMatchObject({ code: 'invalid_input', userMessage: expect.stringMatching(/link that leads outside/) });
    await expect(preview({ path: 'missing.docx' })).rejects.toMatchObject({ code: 'not_found', userMessage: expect.stringMatching(/no file "missing.docx"/) });
  });

  it('says a damaged document cannot be previewed instead of crashing', async () => {
    writeFileSync(path.join(workspace(), 'broken.docx'), 'not a zip');
    await expect(preview({ path: 'broken.docx' })).rejects.toMatchObject({ code: 'invalid_input', userMessage: expect.stringMatching(/not a valid Word document/) });
  });
});

describe('artifacts.diff', () => {
  it('shows the current file against the proposed content, hunk by hunk', async () => {
    writeFileSync(path.join(workspace(), 'notes.txt'), 'one\ntwo\nthree\n');
    const diff = await artifactHandlers['artifacts.diff'].run({ path: 'notes.txt', proposed: 'one\n2\nthree\nfour\n' }, deps(), ctx);
    expect(diff).toMatchObject({ path: 'notes.txt', exists: true, before: 'one\ntwo\nthree\n', after: 'one\n2\nthree\nfour\n', additions: 2, deletions: 1 });
    expect(diff.hunks).toHaveLength(1);
    expect(diff.hunks[0]!.lines).toEqual([
      { type: 'equal', text: 'one', oldNumber: 1, newNumber: 1 },
      { type: 'delete', text: 'two', oldNumber: 2, newNumber: null },
      { type: 'insert', text: '2', oldNumber: null, newNumber: 2 },
      { type: 'equal', text: 'three', oldNumber: 3, newNumber: 3 },
      { type: 'insert', text: 'four', oldNumber: null, newNumber: 4 },
    ]);
  });

  it('treats a file that does not exist yet as all additions, and refuses escapes', async () => {
    const diff = await artifactHandlers['artifacts.diff'].run({ path: 'new/file.md', proposed: '# Hi\n' }, deps(), ctx);
    expect(diff).toMatchObject({ exists: false, before: '', additions: 1, deletions: 0 });
    await expect(artifactHandlers['artifacts.diff'].run({ path: '../../x', proposed: '' }, deps(), ctx)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('tasks.steps and task folders', () => {
  it('lists a planned task’s steps with output, iterations and reviews, and previews its files', async () => {
    const store = new AgentTaskStore(t.core.db, t.core.events, t.core.clock);
    const state = newTaskState({ kind: 'plan', request: 'Write the launch plan', provenance: { source: 'user', detail: null } });
    state.plan = { title: 'Launch plan', summary: 'Draft, review, publish', steps: [] };
    const task = store.create({ conversationId: null, title: 'Launch plan', status: 'running', state });
    store.insertSteps(task.id, [
      { title: 'Draft the plan', tool: 'files.create', instructions: 'draft', expectedOutput: 'a file', expectedFiles: ['plan.md'], estimateSeconds: 30 },
      { title: 'Publish', tool: null, instructions: 'publish', expectedOutput: 'done', expectedFiles: [], estimateSeconds: 10 },
    ]);
    const first = store.steps(task.id)[0]!.state;
    store.updateStep(task.id, 0, {
      status: 'succeeded',
      iteration: 2,
      durationSeconds: 12,
      started: true,
      finished: true,
      state: { ...first, output: 'Wrote plan.md', reviews: [{ iteration: 1, verdict: 'revise', reasons: ['too short'], deterministic: false }], feedback: ['too short'] },
    });
    const detail = artifactHandlers['tasks.steps'].run({ id: task.id }, deps(), ctx);
    expect(detail).toMatchObject({ taskId: task.id, request: 'Write the launch plan', plan: { title: 'Launch plan', summary: 'Draft, review, publish' } });
    expect(detail.steps.map((s) => [s.title, s.status, s.iteration])).toEqual([
      ['Draft the plan', 'succeeded', 2],
      ['Publish', 'pending', 0],
    ]);
    expect(detail.steps[0]).toMatchObject({ output: 'Wrote plan.md', durationSeconds: 12, reviews: [{ iteration: 1, verdict: 'revise', reasons: ['too short'] }] });

    // A planned task's files live in its own folder; its relative paths resolve there.
    mkdirSync(path.join(workspace(), 'tasks', task.id), { recursive: true });
    writeFileSync(path.join(workspace(), 'tasks', task.id, 'plan.md'), '# Plan\n');
    expect(await preview({ path: 'plan.md', taskId: task.id })).toMatchObject({ kind: 'text', text: '# Plan\n', language: 'markdown' });
    expect(() => artifactHandlers['tasks.steps'].run({ id: 'nope' }, deps(), ctx)).toThrow(/was not found/);
  });
});
