import { describe, expect, it } from 'vitest';
import { baseName, folderOf } from '../../../src-renderer/ui/path-parts.js';

describe('path parts in the renderer (where the picker starts browsing)', () => {
  it('finds the folder of POSIX and Windows paths, roots included', () => {
    expect(folderOf('/home/dana/Models/qwen.gguf')).toBe('/home/dana/Models');
    expect(folderOf('/qwen.gguf')).toBe('/');
    expect(folderOf('/home/dana/Models/')).toBe('/home/dana');
    expect(folderOf('C:\\Users\\dana\\qwen.gguf')).toBe('C:\\Users\\dana');
    expect(folderOf('C:\\qwen.gguf')).toBe('C:\\');
  });

  it('names the last part', () => {
    expect(baseName('/home/dana/Models/qwen.gguf')).toBe('qwen.gguf');
    expect(baseName('C:\\Users\\dana\\')).toBe('dana');
  });
});
