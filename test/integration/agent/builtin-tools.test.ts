/**
 * The contract between the agent and the builtin tools (src-main/core/tools/builtin): they
 * register, describe themselves, and a simple action runs one of them end to end.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinTools, PreviewServers } from '../../../src-main/core/tools/builtin/index.js';
import { createHarness, intentResponse, type Harness } from './support/agent-harness.js';

let h: Harness | null = null;
let previews: PreviewServers | null = null;
afterEach(async () => {
  await h?.dispose();
  await previews?.stopAll();
  h = null;
});

describe('builtin tools under the agent', () => {
  it('all register, and "What can you do?" lists them with what still needs setting up', async () => {
    previews = new PreviewServers();
    h = await createHarness({
      tools: () => builtinTools({ getSmtpConfig: () => null, previews: previews! }),
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('question') }] },
    });
    const tools = await h.agent.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['files.create', 'files.read', 'email.send', 'documents.docx', 'website.generate']));
    expect(tools.find((t) => t.name === 'email.send')).toMatchObject({ sideEffect: 'external', configured: false });
    const { replies } = await h.send('what can you do?');
    expect(replies[0]!.text).toContain('**files.create**');
    expect(replies[0]!.text).toMatch(/not set up yet:[\s\S]*\*\*email\.send\*\*/);
  });

  it('a simple action runs files.create in the workspace', async () => {
    previews = new PreviewServers();
    h = await createHarness({
      tools: () => builtinTools({ getSmtpConfig: () => null, previews: previews! }),
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'files.create', parameters: { path: 'hello.txt', content: 'Hello!' } }) }] },
    });
    const { replies } = await h.send('create hello.txt saying Hello!');
    const text = replies.map((m) => m.text).join('\n');
    expect(text).toMatch(/^Done: /m);
    expect(readFileSync(path.join(h.core.paths.workspaceDir, 'hello.txt'), 'utf8')).toBe('Hello!');
  });
});
