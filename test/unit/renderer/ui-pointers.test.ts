/**
 * Messages point to places that exist (issue 17): every "Screen › Section" (or "Screen → Section")
 * pointer in Steward's own text — core messages, renderer text, the README — must name a place in
 * UI_PLACES, which the e2e suite follows to its screen and section. A message saying
 * "Settings › Models" when Models is its own screen fails here with the file and the line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_PLACES, UI_SCREENS } from '../../../src-preload/ui-places.js';
import { findPointers } from '../../../src-renderer/features/chat/place-links.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(entry)) out.push(full);
  }
  return out;
}

describe('pointers to places in the app', () => {
  it('finds a pointer and its longest known place', () => {
    expect(findPointers('Check the key in Integrations › Cloud model and try again.')).toEqual([{ index: 17, text: 'Integrations › Cloud model', place: 'Integrations › Cloud model' }]);
    expect(findPointers('See Settings → Security (two-factor).')[0]?.place).toBe('Settings › Security');
    expect(findPointers('Open Settings › Models › Cloud')[0]).toMatchObject({ text: 'Settings › Models › Cloud', place: null });
  });

  it('every pointer in the sources and the README names a real place', () => {
    const files = [...sourceFiles(path.join(ROOT, 'src-main')), ...sourceFiles(path.join(ROOT, 'src-renderer')), path.join(ROOT, 'README.md')];
    const unknown: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const pointer of findPointers(line)) {
          if (!pointer.place) unknown.push(`${path.relative(ROOT, file)}:${i + 1}: "${pointer.text}"`);
        }
      });
    }
    expect(unknown, `Pointers to places that do not exist (known: ${Object.keys(UI_PLACES).join(', ')})`).toEqual([]);
  });

  it('knows each screen', () => {
    for (const name of UI_SCREENS) expect(UI_PLACES[name]?.route).toMatch(/^#\/[a-z]+$/);
  });
});
