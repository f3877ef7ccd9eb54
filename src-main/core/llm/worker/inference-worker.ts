/**
 * The worker side of local inference: owns one LocalLlamaProvider (node-llama-cpp, the model, its
 * context, sequence pool and prompt cache) and answers the main process's requests over a
 * message port. Runs inside the inference process only (llm-worker-entry.ts starts it).
 *
 * Streaming: text chunks of every running chat go into one buffer that is flushed as a single
 * `tokens` message per FLUSH_MS, so sixteen parallel streams cost one IPC message per flush, not
 * sixteen per token.
 */
import { StewardError } from '../../errors.js';
import { LocalLlamaProvider } from '../local/local-llama-provider.js';
import { ProviderFailedError } from '../llm-errors.js';
import { ParentMessageSchema, type ParentMessage, type WireError, type WorkerMessage } from './worker-protocol.js';

/** How the worker talks to its parent: process.send in a fork, parentPort in an Electron utility process. */
export interface WorkerPort {
  send(message: WorkerMessage): void;
  onMessage(handler: (raw: unknown) => void): void;
}

const FLUSH_MS = 8;
const MEMORY_REPORT_MS = 3000;

export function toWireError(err: unknown): WireError {
  const e = err instanceof StewardError ? err : new ProviderFailedError('local', `the inference worker failed (${err instanceof Error ? err.message : String(err)})`);
  return { name: e.name, code: e.code, userMessage: e.userMessage, detail: err instanceof Error ? err.message : undefined };
}

function memoryReport(): WorkerMessage {
  const m = process.memoryUsage();
  return { type: 'memory', memory: { rssBytes: m.rss, heapUsedBytes: m.heapUsed } };
}

// eslint-disable-next-line max-lines-per-function -- the worker's message loop: one case per protocol message (worker-protocol.ts)
export function runInferenceWorker(port: WorkerPort): void {
  let provider: LocalLlamaProvider | null = null;
  const aborts = new Map<number, AbortController>();
  const pending = new Map<number, string>();
  let flushTimer: NodeJS.Timeout | null = null;

  const flush = () => {
    flushTimer = null;
    if (pending.size === 0) return;
    port.send({ type: 'tokens', batch: [...pending].map(([id, text]) => ({ id, text })) });
    pending.clear();
  };
  const streamText = (id: number, text: string) => {
    pending.set(id, (pending.get(id) ?? '') + text);
    flushTimer ??= setTimeout(flush, FLUSH_MS);
  };
  /** A result must never overtake its own streamed text. */
  const flushNow = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flush();
  };

  const memoryTimer = setInterval(() => port.send(memoryReport()), MEMORY_REPORT_MS);
  memoryTimer.unref();

  const loadedProvider = (): LocalLlamaProvider => {
    if (!provider) throw new ProviderFailedError('local', 'the inference worker has no model loaded yet');
    return provider;
  };

  const answer = async (id: number, work: (signal: AbortSignal) => Promise<unknown>) => {
    const controller = new AbortController();
    aborts.set(id, controller);
    try {
      const value = await work(controller.signal);
      flushNow();
      port.send({ type: 'result', id, value });
    } catch (err) {
      flushNow();
      port.send({ type: 'error', id, error: toWireError(err) });
    } finally {
      aborts.delete(id);
    }
  };

  const handle = async (message: ParentMessage) => {
    switch (message.type) {
      case 'load': {
        try {
          const { modelPath, ...rest } = message.options;
          const opened = await LocalLlamaProvider.open({ modelPath, ...rest });
          provider = opened;
          port.send({ type: 'loaded', info: { ...(await opened.info()) } });
        } catch (err) {
          port.send({ type: 'loadFailed', error: toWireError(err) });
        }
        port.send(memoryReport());
        return;
      }
      case 'chat': {
        const { id, request, stream } = message;
        return answer(id, (signal) => loadedProvider().chat({ ...request, signal, onToken: stream ? (text) => streamText(id, text) : undefined }));
      }
      case 'json':
        return answer(message.id, (signal) => loadedProvider().generateUnderJsonSchema({ ...message.request, signal }, message.jsonSchema));
      case 'embed':
        return answer(message.id, (signal) => loadedProvider().embed(message.texts, { signal }));
      case 'rank':
        return answer(message.id, (signal) => loadedProvider().rank(message.query, message.documents, { signal }));
      case 'countTokens':
        return answer(message.id, () => loadedProvider().countTokens(message.text));
      case 'info':
        return answer(message.id, async () => ({ ...(await loadedProvider().info()) }));
      case 'stats':
        return answer(message.id, async () => ({ provider: loadedProvider().stats(), memory: memoryReport() }));
      case 'warmUp':
        return answer(message.id, () => loadedProvider().warmUp({ systemPrompt: message.systemPrompt }));
      case 'abort':
        aborts.get(message.id)?.abort();
        return;
      case 'close':
        clearInterval(memoryTimer);
        for (const controller of aborts.values()) controller.abort();
        await provider?.close().catch(() => undefined);
        // Exit on purpose: node-llama-cpp's native threads must not keep a closed worker alive.
        process.exit(0);
    }
  };

  port.onMessage((raw) => {
    const parsed = ParentMessageSchema.safeParse(raw);
    if (!parsed.success) {
      port.send({ type: 'protocolError', message: `the inference worker received a message it does not understand: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      return;
    }
    void handle(parsed.data);
  });
  port.send({ type: 'ready', pid: process.pid, threadPoolSize: process.env.UV_THREADPOOL_SIZE ?? null });
}
