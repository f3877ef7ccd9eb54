import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_METHODS } from '../../../src-preload/schemas/artifacts.js';
import { artifactHandlers } from '../../../src-main/core/api/handlers/artifacts.js';
import { toErrorPayload } from '../../../src-main/core/errors.js';
import { parseOrThrow } from '../../../src-main/core/validation.js';
import { renderPdf } from '../../../src-main/core/tools/builtin/documents/render-pdf.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';

let t: TestCore;
const workspace = () => t.core.paths.workspaceDir;
/** What the dispatcher does: validate the input, run, validate the output. */
const download = async (input: unknown) => {
  const parsed = parseOrThrow(ARTIFACT_METHODS['artifacts.download'].input, input, 'request "artifacts.download"');
  return parseOrThrow(ARTIFACT_METHODS['artifacts.download'].output, await artifactHandlers['artifacts.download'].run(parsed, { core: t.core }, { actor: 'ui' }), 'output');
};
const failure = (input: unknown) => download(input).then(() => null, (err: unknown) => toErrorPayload(err));

beforeAll(async () => {
  t = await createTestCore();
  mkdirSync(path.join(workspace(), 'reports'), { recursive: true });
});
afterAll(async () => {
  await t.dispose();
});

describe('artifacts.download (Download in a preview)', () => {
  it('gives the file exactly as it is on disk, under its own name and type', async () => {
    const pdf = await renderPdf({ title: 'Offer letter', blocks: [{ type: 'paragraph', text: 'Welcome, Dana.' }] });
    writeFileSync(path.join(workspace(), 'reports/offer.pdf'), pdf);
    const file = await download({ path: 'reports/offer.pdf' });
    expect(file).toMatchObject({ path: 'reports/offer.pdf', fileName: 'offer.pdf', mime: 'application/pdf' });
    expect(Buffer.from(file.base64, 'base64').equals(Buffer.from(pdf))).toBe(true);

    writeFileSync(path.join(workspace(), 'reports/notes.weird'), 'plain bytes');
    expect(await download({ path: 'reports/notes.weird' })).toMatchObject({ fileName: 'notes.weird', mime: 'application/octet-stream', base64: Buffer.from('plain bytes').toString('base64') });
  });

  it('refuses a missing file, a path outside the workspace and a file too big to send, saying why', async () => {
    expect(await failure({ path: 'reports/nope.pdf' })).toMatchObject({ code: 'not_found', message: expect.stringContaining('reports/nope.pdf') });
    expect(await failure({ path: '../../etc/passwd' })).toMatchObject({ code: expect.stringMatching(/invalid_input|permission_denied/) });
    expect(await failure({ path: '' })).toMatchObject({ code: 'invalid_input', issues: [{ path: 'path' }] });
    const big = path.join(workspace(), 'reports/huge.bin');
    writeFileSync(big, '');
    truncateSync(big, 16 * 1024 * 1024);
    expect(await failure({ path: 'reports/huge.bin' })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Open it from the workspace folder instead') });
  });
});
