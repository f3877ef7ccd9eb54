/**
 * Every built-in tool speaks to people (issue 17): a human name, a one-line description written
 * for users rather than the model, and a summary line for its card that reads as a sentence —
 * never the raw id or a dump of the arguments.
 */
import { describe, expect, it } from 'vitest';
import { builtinTools, PreviewServers } from '../../../src-main/core/tools/builtin/index.js';
import { summarise } from '../../../src-main/core/tools/tool-runner.js';
import { toolTitle, toolUserDescription } from '../../../src-main/core/tools/tool-title.js';
import type { AnyTool } from '../../../src-main/core/tools/tool.js';

/** Arguments a person might really send, per tool, for the summary line. */
const SAMPLE_ARGS: Record<string, Record<string, unknown>> = {
  'files.create': { path: 'notes/approved.md', content: 'one\ntwo' },
  'files.read': { path: 'notes/todo.md' },
  'files.list': {},
  'files.diff': { from: 'drafts/a.md', to: 'drafts/b.md' },
  'documents.docx': { title: 'Welcome, Dana', blocks: [{ type: 'heading', level: 1, text: 'Hello' }, { type: 'paragraph', text: 'Hi' }] },
  'documents.pdf': { title: 'Quote 42', blocks: [{ type: 'paragraph', text: 'Total' }] },
  'documents.xlsx': { path: 'spreadsheets/q3.xlsx', sheets: [{ name: 'Q3', columns: [{ header: 'Month' }], rows: [['July']] }] },
  'website.generate': { siteName: 'Acme Bakery', pages: [{ title: 'Home', sections: [{ heading: 'Hi', body: 'Bread' }] }] },
  'website.screenshot': {},
  'website.preview': {},
  'email.send': { to: ['dana@acme.test'], subject: 'Welcome', text: 'Hi Dana' },
};

const tools: AnyTool[] = builtinTools({ getSmtpConfig: async () => null, previews: new PreviewServers() });

describe('tool names and lines for people', () => {
  it.each(Object.keys(SAMPLE_ARGS))('%s has a human name, a user description and a sentence for its card', (name) => {
    const tool = tools.find((t) => t.name === name);
    expect(tool, `${name} is a built-in tool`).toBeDefined();
    expect(tool!.title, `${name} needs a title`).toBeTruthy();
    expect(toolTitle(tool!)).not.toContain('.');
    expect(tool!.userDescription, `${name} needs a userDescription`).toBeTruthy();
    expect(toolUserDescription(tool!)).not.toBe(tool!.description);
    expect(tool!.describe, `${name} needs a describe() summary line`).toBeTypeOf('function');
    const parsed = tool!.parameters.safeParse(SAMPLE_ARGS[name]);
    expect(parsed.success, `${name} sample args: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
    const line = summarise(tool!, SAMPLE_ARGS[name]!);
    // Not the fallback "<id> — key: value" dump.
    expect(line.startsWith(`${name} —`)).toBe(false);
    expect(line).not.toMatch(/[{}[\]"]/);
  });

  it('gives the Word document card a sentence, not its blocks as JSON', () => {
    const docx = tools.find((t) => t.name === 'documents.docx')!;
    expect(summarise(docx, SAMPLE_ARGS['documents.docx']!)).toBe('Create the Word document “Welcome, Dana” — 2 blocks');
  });

  it('reads a tool without its own title as words, never the raw id', () => {
    expect(toolTitle({ name: 'calendar.create_event' })).toBe('Calendar: create event');
    expect(toolTitle({ name: 'files.create', title: 'Create a file' })).toBe('Create a file');
  });
});
