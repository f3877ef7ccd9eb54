/** Typed errors of the llama-server engine, each saying what to do. */
import { StewardError } from '../../errors.js';

export const BUILD_COMMAND = '`node scripts/build-llama-cpp-tools.mjs`';

export class LlamaServerMissingError extends StewardError {
  constructor(binary: string, fromSetting: boolean) {
    super(
      'provider_failed',
      fromSetting
        ? `llama-server was not found at ${binary} (settings llm.llamaServerBinary). Fix the path, or clear it to use the copy built by ${BUILD_COMMAND}.`
        : `llama-server is not built yet (looked for ${binary}). Build it offline from the llama.cpp source node-llama-cpp ships with ${BUILD_COMMAND}, or set llm.engine back to node-llama-cpp.`,
    );
  }
}

export class LlamaServerPortInUseError extends StewardError {
  readonly port: number;

  constructor(port: number) {
    super(
      'port_unavailable',
      `Port ${port} on 127.0.0.1 is already in use by another program, so llama-server cannot start there. Choose another port (settings llm.llamaServerPort) or leave it empty to pick a free one, or stop the other program.`,
    );
    this.port = port;
  }
}

export class LlamaServerStartError extends StewardError {
  readonly outputTail: string;

  constructor(reason: string, outputTail: string) {
    super('provider_failed', `llama-server could not start: ${reason}. The Models screen shows its last output; try a smaller context or another model.`, {
      detail: outputTail ? `last output: ${outputTail.slice(-500)}` : undefined,
    });
    this.outputTail = outputTail;
  }
}
