/**
 * `npm run models -- list | pull <id> | import <file.gguf> | rm <id> | recommend`
 *
 * The model manager from a terminal, on the same folder the app uses (STEWARD_HOME moves it;
 * STEWARD_MODEL_CATALOG swaps the catalog; HF_ENDPOINT points hf: sources at a mirror).
 * Exit codes: 0 done, 1 the operation failed, 2 bad usage, 130 cancelled with Ctrl+C.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toStewardError } from '../core/errors.js';
import { defaultDataDir, resolvePaths } from '../core/paths.js';
import type { DownloadProgress } from '../core/llm/models/downloader.js';
import { formatBytes, formatDuration } from '../core/llm/models/format.js';
import { ModelManager, type ModelManagerOptions } from '../core/llm/models/model-manager.js';

export const MODELS_CLI_USAGE = `Usage: npm run models -- <command>

  list [--json]                    catalog models (✓ installed) and other .gguf files in the models folder
  pull <id>                        download a catalog model; resumes an interrupted download,
                                   Ctrl+C stops and keeps what was downloaded
  import <file.gguf> [--copy|--link]
                                   add a model file you already have (hard link when possible, else copy)
  rm <id>                          delete an installed model or an unfinished download
  recommend [--context <tokens>] [--json]
                                   the largest catalog chat model that fits this machine

Environment: STEWARD_HOME (data folder), STEWARD_MODEL_CATALOG (catalog JSON file), HF_ENDPOINT (Hugging Face mirror).`;

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Lets tests cancel a pull as Ctrl+C would. */
  interrupt?: AbortSignal;
}

class UsageError extends Error {}

function progressLine(p: DownloadProgress): string {
  const pct = p.total ? `${((p.bytes / p.total) * 100).toFixed(1).padStart(5)}%` : '     ?';
  const of = p.total ? `${formatBytes(p.bytes)} / ${formatBytes(p.total)}` : formatBytes(p.bytes);
  const speed = p.bytesPerSecond !== null ? `${formatBytes(p.bytesPerSecond)}/s` : '--';
  return `${pct}  ${of}  ${speed}  ETA ${formatDuration(p.etaSeconds)}`;
}

function takeFlag(args: string[], flag: string): boolean {
  const i = args.indexOf(flag);
  if (i === -1) return false;
  args.splice(i, 1);
  return true;
}

function takeOption(args: string[], name: string): string | null {
  const i = args.indexOf(name);
  if (i === -1) return null;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return value;
}

function noExtra(args: string[], command: string): void {
  if (args.length > 0) throw new UsageError(`unexpected ${args.map((a) => `"${a}"`).join(' ')} after "${command}"`);
}

export async function runModelsCli(argv: string[], io: CliIo, managerOptions: Partial<ModelManagerOptions> = {}): Promise<number> {
  const out = (line = '') => io.stdout.write(`${line}\n`);
  const args = [...argv];
  const command = args.shift();
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out(MODELS_CLI_USAGE);
    return command ? 0 : 2;
  }
  let manager: ModelManager | null = null;
  try {
    const modelsDir = resolvePaths(defaultDataDir(io.env), 'default').modelsDir;
    manager = new ModelManager({ env: io.env, ...managerOptions, modelsDir });
    switch (command) {
      case 'list':
        return await list(manager, args, out);
      case 'pull':
        return await pull(manager, args, io, out);
      case 'import':
        return await importFile(manager, args, out);
      case 'rm':
      case 'delete':
        return await remove(manager, args, out);
      case 'recommend':
        return await recommend(manager, args, out);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`Error: ${err.message}.\n\n${MODELS_CLI_USAGE}\n`);
      return 2;
    }
    const e = toStewardError(err);
    io.stderr.write(`Error: ${e.userMessage}\n`);
    return e.code === 'cancelled' ? 130 : 1;
  } finally {
    await manager?.close();
  }
}

async function importFile(manager: ModelManager, args: string[], out: (line?: string) => void): Promise<number> {
  const copy = takeFlag(args, '--copy');
  const link = takeFlag(args, '--link');
  if (copy && link) throw new UsageError('pick one of --copy and --link');
  const file = args.shift();
  if (!file) throw new UsageError('import needs the path of a .gguf file');
  noExtra(args, 'import');
  const model = await manager.import(path.resolve(file), copy ? 'copy' : link ? 'link' : 'auto');
  out(`Imported ${model.fileName} (${formatBytes(model.sizeBytes)}) into ${manager.modelsDir}.`);
  out(`Id: ${model.id}. Make it the default on the Models screen (Use as default).`);
  return 0;
}

async function remove(manager: ModelManager, args: string[], out: (line?: string) => void): Promise<number> {
  const id = args.shift();
  if (!id) throw new UsageError('rm needs a model id (see "list")');
  noExtra(args, 'rm');
  const result = await manager.delete(id);
  out(
    result.removedFile
      ? `Deleted ${result.fileName}${result.removedPartial ? ' and its unfinished download' : ''}.`
      : `Deleted the unfinished download of ${result.fileName}.`,
  );
  return 0;
}

async function recommend(manager: ModelManager, args: string[], out: (line?: string) => void): Promise<number> {
  const json = takeFlag(args, '--json');
  const context = takeOption(args, '--context');
  noExtra(args, 'recommend');
  const contextSize = context === null ? 8192 : Number(context);
  if (!Number.isInteger(contextSize) || contextSize < 512 || contextSize > 131_072) throw new UsageError('--context must be a whole number of tokens from 512 to 131072');
  const rec = await manager.recommend(contextSize);
  if (json) {
    out(JSON.stringify(rec, null, 2));
    return 0;
  }
  const hw = rec.hardware;
  out(`RAM: ${formatBytes(hw.freeRamBytes)} free of ${formatBytes(hw.totalRamBytes)}, ${hw.cpuCores} CPU cores`);
  out(hw.gpu ? `GPU: ${hw.gpu.backend}, ${formatBytes(hw.gpu.freeVramBytes)} free of ${formatBytes(hw.gpu.totalVramBytes)} VRAM` : `GPU: none (${hw.gpuNote ?? 'not found'})`);
  out('');
  for (const c of rec.candidates.filter((x) => x.purpose === 'chat')) {
    const mark = c.id === rec.recommendedId ? '→' : c.fit.fits ? ' ' : '✗';
    out(`${mark} ${c.id.padEnd(36)} needs ~${formatBytes(c.fit.neededBytes).padEnd(8)} ${c.fit.fits ? c.fit.placement.padEnd(6) : 'does not fit'}${c.speed ? ` ${c.speed.summary}` : ''}`);
  }
  out('');
  out(rec.reason);
  if (rec.recommendedId) out(`Get it with: npm run models -- pull ${rec.recommendedId}`);
  return 0;
}

async function list(manager: ModelManager, args: string[], out: (line?: string) => void): Promise<number> {
  const json = takeFlag(args, '--json');
  noExtra(args, 'list');
  const catalog = await manager.catalogView();
  const { models, partialDownloads } = await manager.list();
  if (json) {
    out(JSON.stringify({ modelsDir: manager.modelsDir, catalog, installed: models, partialDownloads }, null, 2));
    return 0;
  }
  out(`Models folder: ${manager.modelsDir}`);
  out('');
  out('Catalog (✓ installed, … partly downloaded):');
  for (const view of catalog) {
    const e = view.entry;
    const mark = view.installed ? '✓' : view.partialBytes !== null ? '…' : ' ';
    out(`${mark} ${e.id.padEnd(36)} ${e.purpose.padEnd(9)} ${e.parameters.padStart(5)} ${e.quantization.padEnd(7)} ~${formatBytes(e.sizeBytes).padEnd(8)} ${e.license}`);
  }
  const others = models.filter((m) => m.catalogId === null);
  if (others.length > 0) {
    out('');
    out('Other installed files:');
    for (const m of others) out(`✓ ${m.fileName.padEnd(36)} ${m.purpose.padEnd(9)} ${formatBytes(m.sizeBytes)}${m.problem ? `  PROBLEM: ${m.problem}` : ''}`);
  }
  const broken = models.filter((m) => m.catalogId !== null && m.problem);
  for (const m of broken) out(`! ${m.fileName}: ${m.problem}`);
  return 0;
}

async function pull(manager: ModelManager, args: string[], io: CliIo, out: (line?: string) => void): Promise<number> {
  const id = args.shift();
  if (!id) throw new UsageError('pull needs a catalog id (see "list")');
  noExtra(args, 'pull');
  const entry = manager.entry(id);
  const fit = await manager.checkFit(entry.id, 8192);
  if (fit.warning) io.stderr.write(`Warning: ${fit.warning}\n`);

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  io.interrupt?.addEventListener('abort', onSigint, { once: true });
  const tty = io.stdout.isTTY === true;
  let lastPrintedTenth = -1;
  let lastState = '';
  try {
    out(`Downloading ${entry.displayName} (${entry.fileName}, ~${formatBytes(entry.sizeBytes)}) into ${manager.modelsDir}`);
    const result = await manager.pull(entry.id, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.state === 'starting') {
          if (p.bytes > 0) out(`Resuming from ${formatBytes(p.bytes)}.`);
          return;
        }
        if (p.state === 'verifying') {
          if (lastState !== 'verifying') io.stdout.write(`${tty ? '\r\x1b[2K' : ''}Verifying…\n`);
          lastState = p.state;
          return;
        }
        lastState = p.state;
        if (tty) {
          io.stdout.write(`\r\x1b[2K${progressLine(p)}`);
          return;
        }
        // Not a terminal (logs, CI): a line per 10% rather than a line per chunk.
        const tenth = p.total ? Math.floor((p.bytes / p.total) * 10) : -1;
        if (tenth !== lastPrintedTenth) {
          lastPrintedTenth = tenth;
          out(progressLine(p));
        }
      },
    });
    const how = result.verifiedBy === 'size-only' ? 'size checked; no published checksum' : 'SHA-256 verified';
    out(`Installed ${result.fileName} (${formatBytes(result.bytes)}, ${how}${result.resumedFromBytes > 0 ? `, resumed from ${formatBytes(result.resumedFromBytes)}` : ''}).`);
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    io.interrupt?.removeEventListener('abort', onSigint);
    if (tty && lastState === 'downloading') io.stdout.write('\n');
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  runModelsCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
