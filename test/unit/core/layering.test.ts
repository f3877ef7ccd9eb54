import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx|mts)$/.test(name) ? [full] : [];
  });
}

const importsElectron = (source: string) => /(from\s+['"]electron['"])|(require\(\s*['"]electron['"]\s*\))|(import\(\s*['"]electron['"]\s*\))/.test(source);

describe('layering (DESIGN §1)', () => {
  it('no file under src-main/core, server or cli imports electron', () => {
    const offenders = ['src-main/core', 'src-main/server', 'src-main/cli']
      .flatMap((dir) => sourceFiles(dir))
      .filter((file) => importsElectron(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check itself catches an electron import', () => {
    expect(importsElectron("import { app } from 'electron';")).toBe(true);
    expect(importsElectron("const e = require('electron')")).toBe(true);
    expect(importsElectron("import { z } from 'zod';")).toBe(false);
  });

  it('the renderer imports only types from the contract', () => {
    const offenders = sourceFiles('src-renderer').filter((file) => {
      const source = readFileSync(file, 'utf8');
      return /import\s+(?!type\b)[^;]*from\s+['"][./]*src-preload\/(contract|schemas)/.test(source);
    });
    expect(offenders).toEqual([]);
  });
});
