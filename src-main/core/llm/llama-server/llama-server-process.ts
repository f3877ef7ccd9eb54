/**
 * llama.cpp's llama-server as a child process Steward manages: bound to 127.0.0.1 only, with a
 * random API key made for this start (passed in the environment, never on the command line where
 * other users could read it), ready once its /health answers 200. Stopping it, or Steward
 * exiting, ends it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { assertCompleteGguf } from '../local/gguf-header.js';
import { describeExit, StderrTail } from '../worker/worker-exit.js';
import { LlamaServerPortInUseError, LlamaServerStartError } from './llama-server-errors.js';

export interface LlamaServerOptions {
  binary: string;
  modelPath: string;
  /** null/undefined: a free port picked now. */
  port?: number | null;
  /** Tokens per parallel request. */
  contextSize: number;
  /** Parallel request slots (llama-server -np); the total context is contextSize × parallel. */
  parallel: number;
  threads?: number;
  /** Layers on the GPU: 0 for the CPU, 999 for all. */
  gpuLayers: number;
  startTimeoutMs?: number;
}

/** Resolves when the port can be bound on 127.0.0.1; LlamaServerPortInUseError when another program holds it. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' || err.code === 'EACCES' ? new LlamaServerPortInUseError(port) : err));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export class LlamaServerProcess {
  private exitHandlers: Array<(reason: string) => void> = [];
  private exited: string | null = null;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly apiKey: string,
    private readonly output: StderrTail,
  ) {
    child.on('exit', (code, signal) => {
      this.exited = describeExit({ code, signal });
      for (const h of this.exitHandlers) h(this.exited);
    });
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  get running(): boolean {
    return this.exited === null;
  }

  outputTail(): string {
    return this.output.text();
  }

  onExit(handler: (reason: string) => void): void {
    this.exitHandlers.push(handler);
  }

  static async start(o: LlamaServerOptions): Promise<LlamaServerProcess> {
    // The same clear errors as the node-llama-cpp engine for a missing, foreign or truncated file.
    await assertCompleteGguf(o.modelPath, { role: 'chat' });
    let port: number;
    if (o.port) {
      await assertPortFree(o.port);
      port = o.port;
    } else {
      port = await freePort();
    }
    const apiKey = randomBytes(24).toString('hex');
    const args = [
      '-m', o.modelPath,
      '--host', '127.0.0.1',
      '--port', String(port),
      '-c', String(o.contextSize * o.parallel),
      '-np', String(o.parallel),
      '-ngl', String(o.gpuLayers),
      '--no-webui',
      '--metrics',
    ];
    if (o.threads) args.push('-t', String(o.threads));
    const output = new StderrTail(8192);
    const child = spawn(o.binary, args, { env: { ...process.env, LLAMA_API_KEY: apiKey }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    const server = new LlamaServerProcess(child, `http://127.0.0.1:${port}`, apiKey, output);
    try {
      await server.waitUntilHealthy(o.startTimeoutMs ?? 120_000, child);
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    }
    return server;
  }

  private async waitUntilHealthy(timeoutMs: number, child: ChildProcess): Promise<void> {
    const spawnError = new Promise<never>((_, reject) => child.once('error', (err) => reject(new LlamaServerStartError(`the program could not be run (${err.message})`, ''))));
    spawnError.catch(() => undefined);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) {
        const tail = this.output.text();
        const bind = /couldn't bind|address already in use|bind\(\) failed/i.test(tail);
        throw new LlamaServerStartError(bind ? `its port was taken before it could listen (${this.exited})` : `it stopped while loading the model (${this.exited})`, tail);
      }
      const ok = await Promise.race([
        fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) }).then(
          (r) => r.status === 200,
          () => false,
        ),
        spawnError,
      ]);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new LlamaServerStartError(`it did not become ready within ${Math.round(timeoutMs / 1000)} seconds`, this.output.text());
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.onExit(() => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}
