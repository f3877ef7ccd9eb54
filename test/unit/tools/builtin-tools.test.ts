import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinTools, PreviewServers } from '../../../src-main/core/tools/builtin/index.js';

describe('builtinTools', () => {
  const tools = builtinTools({ getSmtpConfig: () => null, previews: new PreviewServers() });

  it('declares each tool with the side-effect class and permission the approval gate relies on', () => {
    expect(tools.map((t) => [t.name, t.sideEffect, t.defaultPermission, t.idempotent])).toEqual([
      ['files.create', 'local', 'always', true],
      ['files.read', 'none', 'always', true],
      ['files.list', 'none', 'always', true],
      ['files.diff', 'none', 'always', true],
      ['documents.docx', 'local', 'always', false],
      ['documents.xlsx', 'local', 'always', false],
      ['documents.pdf', 'local', 'always', false],
      ['email.send', 'external', 'ask', false],
      ['website.generate', 'local', 'always', true],
      ['website.preview', 'local', 'always', true],
      ['website.screenshot', 'local', 'always', true],
      ['gmail.send', 'external', 'ask', false],
      ['gmail.search', 'none', 'always', true],
      ['gmail.read', 'none', 'always', true],
      ['calendar.find_slots', 'none', 'always', true],
      // Safe to repeat: the event id comes from the call's idempotency key.
      ['calendar.create_event', 'external', 'ask', true],
      ['calendar.update_event', 'external', 'ask', true],
      ['calendar.cancel_event', 'external', 'ask', true],
      ['sms.send', 'external', 'ask', false],
      ['sms.status', 'none', 'always', true],
      ['database.tables', 'none', 'always', true],
      ['database.query', 'none', 'always', true],
      // Asks every time (askEveryTime): no grant or 'always' covers a change to the company database.
      ['database.execute', 'external', 'ask', false],
      // Not idempotent by itself; a second create of the same work email finds the first.
      ['hris.createEmployee', 'external', 'ask', false],
      ['hris.directory', 'none', 'always', true],
      ['hris.timeOff', 'none', 'always', true],
    ]);
  });

  it('gives every tool that changes files a rollback, and the email tool none (mail cannot be unsent)', () => {
    for (const tool of tools) {
      if (tool.sideEffect === 'local') expect(tool.rollback, tool.name).toBeTypeOf('function');
    }
    expect(tools.find((t) => t.name === 'email.send')!.rollback).toBeUndefined();
  });

  it('has parameter schemas the model can be shown as JSON Schema, in both directions', () => {
    for (const tool of tools) {
      expect(tool.description.length, tool.name).toBeGreaterThan(40);
      for (const io of ['input', 'output'] as const) {
        const schema = z.toJSONSchema(tool.parameters, { io }) as { type?: string; properties?: Record<string, unknown> };
        expect(schema.type, `${tool.name} (${io})`).toBe('object');
        expect(Object.keys(schema.properties ?? {}).length, tool.name).toBeGreaterThan(0);
      }
    }
  });

  it('accepts minimal arguments thanks to defaults', () => {
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('files.list')!.parameters.parse({})).toEqual({ path: '.', recursive: true, maxEntries: 1000 });
    expect(byName.get('website.preview')!.parameters.parse({})).toEqual({ dir: 'site' });
    expect(byName.get('documents.docx')!.parameters.parse({ title: 'Memo' })).toEqual({ title: 'Memo', blocks: [], overwrite: false });
  });
});
