import { describe, expect, it } from 'vitest';
import { notAModelReason, parametersFromNames, quantizationFromFileName } from '../../../src-main/core/llm/models/hub/gguf-file-names.js';

describe('what a GGUF file name says', () => {
  it('reads the quantisation the way repositories name their files', () => {
    expect(quantizationFromFileName('Qwen_Qwen3-4B-Q4_K_M.gguf')).toBe('Q4_K_M');
    expect(quantizationFromFileName('google_gemma-3-12b-it-IQ4_XS.gguf')).toBe('IQ4_XS');
    expect(quantizationFromFileName('nomic-embed-text-v1.5.Q8_0.gguf')).toBe('Q8_0');
    expect(quantizationFromFileName('qwen3-8b-q5_k_s.gguf')).toBe('Q5_K_S');
    expect(quantizationFromFileName('Qwen3-8B-BF16-00001-of-00002.gguf')).toBe('BF16');
    expect(quantizationFromFileName('model-f16.gguf')).toBe('F16');
    expect(quantizationFromFileName('model.gguf')).toBeNull();
  });

  it('reads the parameter count from the file name, else the repository name', () => {
    expect(parametersFromNames('Qwen_Qwen3-4B-Q4_K_M.gguf', 'bartowski/Qwen_Qwen3-4B-GGUF')).toBe(4);
    expect(parametersFromNames('Qwen3-0.6B-Q8_0.gguf', 'x/y')).toBe(0.6);
    expect(parametersFromNames('model-Q4_K_M.gguf', 'bartowski/google_gemma-3-12b-it-GGUF')).toBe(12);
    expect(parametersFromNames('Llama-3.2-1B-Instruct-Q4_K_M.gguf', 'x/y')).toBe(1);
    expect(parametersFromNames('gemma-3-270m-it-Q8_0.gguf', 'x/y')).toBe(0.27);
    expect(parametersFromNames('bge-small-en-v1.5-q8_0.gguf', 'CompendiumLabs/bge-small-en-v1.5-gguf')).toBeNull();
  });

  it('knows which files are not models by themselves', () => {
    expect(notAModelReason('mmproj-F16.gguf')).toMatch(/vision projector/);
    expect(notAModelReason('mmproj-google_gemma-3-4b-it-f16.gguf')).toMatch(/vision projector/);
    expect(notAModelReason('Qwen3-235B-Q4_K_M-00002-of-00005.gguf')).toMatch(/part 2 of 5 of a split model/);
    expect(notAModelReason('Qwen_Qwen3-4B-Q4_K_M.gguf')).toBeNull();
  });
});
