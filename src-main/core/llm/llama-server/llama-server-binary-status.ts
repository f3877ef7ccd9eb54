/** Whether the llama-server engine could start: the binary it would run, or why there is none (for llm.status and the Models screen). */
import { toStewardError } from '../../errors.js';
import { resolveLlamaServerBinary } from './llama-server-binary.js';

export function llamaServerBinaryStatus(setting: string | null): { binary: string | null; problem: string | null } {
  try {
    return { binary: resolveLlamaServerBinary(setting), problem: null };
  } catch (err) {
    return { binary: null, problem: toStewardError(err).userMessage };
  }
}
