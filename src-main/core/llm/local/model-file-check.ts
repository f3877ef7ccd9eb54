/** A model file checked before anything loads it: why it cannot be used (not a GGUF, truncated …), or null. */
import { ModelInvalidError } from '../llm-errors.js';
import { assertCompleteGguf } from './gguf-header.js';

export async function unusableModelFile(modelPath: string): Promise<ModelInvalidError | null> {
  try {
    await assertCompleteGguf(modelPath, { role: 'chat' });
    return null;
  } catch (err) {
    if (err instanceof ModelInvalidError) return err;
    throw err;
  }
}
