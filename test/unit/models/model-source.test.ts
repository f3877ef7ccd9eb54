import { describe, expect, it } from 'vitest';
import { describeUrl, resolveModelSourceUrl } from '../../../src-main/core/llm/models/model-source.js';

describe('resolveModelSourceUrl', () => {
  it('maps hf: sources to the resolve endpoint, with a revision when given', () => {
    expect(resolveModelSourceUrl('hf:owner/repo/file.gguf', {})).toBe('https://huggingface.co/owner/repo/resolve/main/file.gguf?download=true');
    expect(resolveModelSourceUrl('hf:owner/repo/sub/file+1.gguf#v1.0', {})).toBe('https://huggingface.co/owner/repo/resolve/v1.0/sub/file%2B1.gguf?download=true');
  });

  it('uses HF_ENDPOINT for a mirror and passes http(s) URLs through', () => {
    expect(resolveModelSourceUrl('hf:o/r/f.gguf', { HF_ENDPOINT: 'https://mirror.example/' })).toBe('https://mirror.example/o/r/resolve/main/f.gguf?download=true');
    expect(resolveModelSourceUrl('http://127.0.0.1:9/x.gguf', {})).toBe('http://127.0.0.1:9/x.gguf');
  });

  it('rejects anything else', () => {
    expect(() => resolveModelSourceUrl('ftp://x/y.gguf', {})).toThrow(/Unsupported model source/);
    expect(() => resolveModelSourceUrl('hf:just-a-name', {})).toThrow(/Unsupported model source/);
  });

  it('describes a URL by its host only, so signed query strings stay out of messages', () => {
    expect(describeUrl('https://cdn.example/a/b.gguf?X-Amz-Signature=secret')).toBe('cdn.example');
  });
});
