/**
 * Picks the compute backend (CUDA, Vulkan, Metal, else CPU) and says why, because a silent CPU
 * fallback makes the app 10–50× slower and the user must be told. Example seen on the H100: the
 * prebuilt CUDA binary carries PTX the installed driver refuses, node-llama-cpp quietly falls back
 * to CPU, and only a console warning says so. We capture those warnings into the report.
 */
import { format } from 'node:util';
import { getLlama, getLlamaGpuTypes, LlamaLogLevel, type Llama, type LlamaOptions } from 'node-llama-cpp';

export type GpuPreference = 'auto' | 'cuda' | 'vulkan' | 'metal' | 'cpu';
export type BackendName = 'cuda' | 'vulkan' | 'metal' | 'cpu';

export interface BackendReport {
  requested: GpuPreference;
  backend: BackendName;
  /** GPU device names joined with ", "; null on CPU. */
  gpuName: string | null;
  /** One sentence for the user: what was chosen and why. */
  reason: string;
  /** True when a GPU was requested or detected but the CPU is used. */
  fellBack: boolean;
  /** GPU backends whose drivers/libraries were found on this machine. */
  detected: BackendName[];
  /**
   * Which llama.cpp binary runs: node-llama-cpp's portable prebuilt one, or one compiled on this
   * machine from the source node-llama-cpp bundles (README, "Faster local inference"). On the
   * 2-core test CPU the local build read prompts ~1.4× faster (docs/benchmarks.md).
   */
  build: 'prebuilt' | 'local';
}

export interface OpenBackendOptions {
  logLevel?: LlamaLogLevel;
  logger?: (level: LlamaLogLevel, message: string) => void;
  /** Injected for tests of the decision logic; defaults to node-llama-cpp's getLlama / getLlamaGpuTypes. */
  loadLlama?: (options: LlamaOptions) => Promise<Llama>;
  detectGpuTypes?: () => Promise<BackendName[]>;
}

const PRETTY: Record<BackendName, string> = { cuda: 'CUDA', vulkan: 'Vulkan', metal: 'Metal', cpu: 'CPU' };

async function defaultDetect(): Promise<BackendName[]> {
  const types = await getLlamaGpuTypes('supported');
  return types.filter((t): t is 'cuda' | 'vulkan' | 'metal' => t !== false);
}

/**
 * Runs `fn` while recording what node-llama-cpp prints with console.warn/error (its binary
 * fallback messages go there, not to the logger). Messages still reach the console.
 */
async function withConsoleCapture<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: unknown; messages: string[] }> {
  const messages: string[] = [];
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => {
    messages.push(format(...args));
    warn.apply(console, args);
  };
  console.error = (...args: unknown[]) => {
    messages.push(format(...args));
    error.apply(console, args);
  };
  try {
    return { value: await fn(), messages };
  } catch (err) {
    return { error: err, messages };
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

/** Strips node-llama-cpp's log prefix and colour codes and keeps the first line of each message. */
function summarize(messages: string[], error?: unknown): string | null {
  const text = [...messages, error instanceof Error ? error.message : error ? String(error) : '']
    // eslint-disable-next-line no-control-regex
    .map((m) => m.replace(/\u001b\[[0-9;]*m/g, '').replace(/^\[node-llama-cpp\]\s*/i, '').split('\n')[0]?.trim() ?? '')
    .filter((m) => m.length > 0);
  return text.length > 0 ? [...new Set(text)].join('; ') : null;
}

function backendOf(llama: Llama): BackendName {
  return llama.gpu === false ? 'cpu' : llama.gpu;
}

async function gpuNames(llama: Llama): Promise<string | null> {
  if (llama.gpu === false) return null;
  try {
    const names = await llama.getGpuDeviceNames();
    return names.length > 0 ? names.join(', ') : null;
  } catch {
    return null;
  }
}

/** Loads node-llama-cpp's native backend following the user's GPU setting, and reports the outcome. */
export async function openLlamaBackend(requested: GpuPreference, options: OpenBackendOptions = {}): Promise<{ llama: Llama; report: BackendReport }> {
  const load = options.loadLlama ?? getLlama;
  // build: 'never' — the app must not start compiling llama.cpp on a user's machine; a local
  // build made with `npx node-llama-cpp source build --gpu cuda` is still found and preferred.
  const base: LlamaOptions = { build: 'never', logLevel: options.logLevel ?? LlamaLogLevel.warn, logger: options.logger };
  const detected = await (options.detectGpuTypes ?? defaultDetect)().catch(() => [] as BackendName[]);

  const finish = async (llama: Llama, reason: string, fellBack: boolean) => ({
    llama,
    report: { requested, backend: backendOf(llama), gpuName: await gpuNames(llama), reason, fellBack, detected, build: llama.buildType === 'localBuild' ? ('local' as const) : ('prebuilt' as const) },
  });

  if (requested === 'cpu') {
    return finish(await load({ ...base, gpu: false }), 'CPU chosen in Settings.', false);
  }

  if (requested === 'auto') {
    const attempt = await withConsoleCapture(() => load({ ...base, gpu: 'auto' }));
    if (attempt.value) {
      const llama = attempt.value;
      if (llama.gpu !== false) return finish(llama, `${PRETTY[backendOf(llama)]} GPU detected and used.`, false);
      if (detected.length === 0) return finish(llama, 'No CUDA, Vulkan or Metal GPU was detected; running on the CPU.', false);
      const why = summarize(attempt.messages);
      return finish(llama, `${detected.map((d) => PRETTY[d]).join(' and ')} detected, but it could not be used${why ? ` (${why})` : ''}; running on the CPU, which is much slower.`, true);
    }
    const why = summarize(attempt.messages, attempt.error);
    return finish(await load({ ...base, gpu: false }), `GPU detection failed${why ? ` (${why})` : ''}; running on the CPU, which is much slower.`, true);
  }

  const attempt = await withConsoleCapture(() => load({ ...base, gpu: requested }));
  if (attempt.value && attempt.value.gpu === requested) return finish(attempt.value, `${PRETTY[requested]} chosen in Settings.`, false);
  if (attempt.value) await attempt.value.dispose().catch(() => undefined);
  const why = summarize(attempt.messages, attempt.error);
  const hint = detected.length === 0 ? ' No GPU driver for it was found on this machine.' : '';
  return finish(
    await load({ ...base, gpu: false }),
    `${PRETTY[requested]} was chosen in Settings but could not be used${why ? ` (${why})` : ''}; running on the CPU, which is much slower.${hint}`,
    true,
  );
}
