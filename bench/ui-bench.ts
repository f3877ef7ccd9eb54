/**
 * UI benchmark (`npm run bench:ui`): the renderer bundle's size (every file under
 * out/renderer/assets, raw and gzip) and the chat page's time to interactive in Chromium —
 * from navigation start to the composer being enabled, with the conversation list loaded —
 * against the real local server, median of N cold loads (a fresh browser profile each time).
 * Writes bench/results/ui-<timestamp>.json and prints a table.
 *
 * Usage: npm run bench:ui [-- --runs 7] [-- --no-build]
 * Absolute times are from this machine only (DESIGN §6): compare runs on the same machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { hasChromium, launchChromium, MISSING_CHROMIUM } from '../test/e2e/support/chromium.js';
import { REPO_ROOT, startStewardServer } from '../test/e2e/support/steward-server.js';
import { parseFlags } from './lib/cli-flags.js';
import { collectMachineFacts } from './lib/machine-facts.js';
import { writeBenchResult } from './lib/result-file.js';
import { summarize, type SampleSummary } from './lib/stats.js';
import { formatTable } from './lib/table.js';

const USAGE = 'Usage: npm run bench:ui [-- --runs N] [-- --no-build]\n  --runs      cold page loads to time (default 7)\n  --no-build  measure out/renderer as it is';
const FlagsSchema = z
  .object({
    runs: z.coerce.number().int().min(1).max(50).default(7),
    noBuild: z.literal('true').optional(),
  })
  .strict();

const RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer');
const PAGE_TIMEOUT_MS = 60_000;

interface AssetSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

interface LoadSample {
  /** Navigation start → composer enabled and the conversation list shown. */
  interactiveMs: number;
  domContentLoadedMs: number;
  firstContentfulPaintMs: number | null;
}

/** keytar needs a Secret Service: without a session bus, run again inside a private keyring. */
function reExecInKeyringIfNeeded(): boolean {
  if (process.platform !== 'linux' || process.env.DBUS_SESSION_BUS_ADDRESS || process.env.STEWARD_IN_KEYRING_SESSION === '1') return false;
  const script = path.join(REPO_ROOT, 'scripts', 'with-keyring.sh');
  const result = spawnSync(script, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
  return true;
}

function buildRenderer(): void {
  const cli = path.join(REPO_ROOT, 'node_modules', '.bin', 'electron-vite');
  const result = spawnSync(cli, ['build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`\`electron-vite build\` failed (exit ${result.status}); fix the build first.\n${(result.stderr || result.stdout).slice(-2000)}`);
}

function assetSizes(): AssetSize[] {
  const dir = path.join(RENDERER_DIR, 'assets');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(`${path.relative(REPO_ROOT, dir)} does not exist: run \`npm run build\` (or drop --no-build).`);
  }
  return names
    .filter((name) => statSync(path.join(dir, name)).isFile())
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name));
      return { file: `assets/${name}`, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.rawBytes - a.rawBytes);
}

async function measureLoads(runs: number): Promise<LoadSample[]> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'steward-ui-bench-'));
  const server = await startStewardServer({ home });
  const samples: LoadSample[] = [];
  try {
    // One load to warm the server (first request compiles, opens the store); not counted.
    for (let i = 0; i <= runs; i++) {
      const browser = await launchChromium();
      try {
        const page = await browser.context.newPage();
        page.setDefaultTimeout(PAGE_TIMEOUT_MS);
        await page.goto(server.chatUrl, { waitUntil: 'commit' });
        // performance.now() counts from the navigation's time origin: the moment the load began.
        const interactive = await page.waitForFunction(
          () => {
            const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message Steward"]');
            const list = document.querySelector('[aria-label="Conversation list"]');
            return box && !box.disabled && list ? performance.now() : null;
          },
          undefined,
          { polling: 'raf', timeout: PAGE_TIMEOUT_MS },
        );
        const interactiveMs = (await interactive.jsonValue()) as number;
        const timing = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          return { domContentLoadedMs: nav?.domContentLoadedEventEnd ?? 0, firstContentfulPaintMs: fcp ? fcp.startTime : null };
        });
        if (i > 0) samples.push({ interactiveMs, ...timing });
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  }
  return samples;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (summary: SampleSummary) => `${summary.median.toFixed(0)} ms (min ${summary.min.toFixed(0)}, max ${summary.max.toFixed(0)})`;

async function main(): Promise<void> {
  if (reExecInKeyringIfNeeded()) return;
  const flags = parseFlags(process.argv.slice(2), FlagsSchema, USAGE);
  if (!hasChromium()) throw new Error(MISSING_CHROMIUM);
  if (!flags.noBuild) buildRenderer();

  const assets = assetSizes();
  const total = (ext: string) => {
    const chosen = assets.filter((a) => a.file.endsWith(ext));
    return { rawBytes: chosen.reduce((s, a) => s + a.rawBytes, 0), gzipBytes: chosen.reduce((s, a) => s + a.gzipBytes, 0) };
  };
  const bundle = {
    js: total('.js'),
    css: total('.css'),
    all: { rawBytes: assets.reduce((s, a) => s + a.rawBytes, 0), gzipBytes: assets.reduce((s, a) => s + a.gzipBytes, 0) },
    files: assets,
  };

  const samples = await measureLoads(flags.runs);
  const timeToInteractive = summarize(samples.map((s) => s.interactiveMs));
  const domContentLoaded = summarize(samples.map((s) => s.domContentLoadedMs));
  const fcpSamples = samples.map((s) => s.firstContentfulPaintMs).filter((v): v is number => v !== null);
  const firstContentfulPaint = fcpSamples.length ? summarize(fcpSamples) : null;

  const file = writeBenchResult('ui', {
    benchmark: 'ui',
    takenAt: new Date().toISOString(),
    machine: collectMachineFacts(['react', 'react-dom', 'react-markdown', 'highlight.js', '@tanstack/react-virtual', 'playwright-core', 'vite']),
    runs: flags.runs,
    bundle,
    chatPage: { timeToInteractiveMs: timeToInteractive, domContentLoadedMs: domContentLoaded, firstContentfulPaintMs: firstContentfulPaint },
  });

  console.log(formatTable(
    ['measure', 'value'],
    [
      ['bundle JS (raw / gzip)', `${kb(bundle.js.rawBytes)} / ${kb(bundle.js.gzipBytes)}`],
      ['bundle CSS (raw / gzip)', `${kb(bundle.css.rawBytes)} / ${kb(bundle.css.gzipBytes)}`],
      ['bundle total (raw / gzip)', `${kb(bundle.all.rawBytes)} / ${kb(bundle.all.gzipBytes)}`],
      [`chat TTI, median of ${flags.runs}`, ms(timeToInteractive)],
      ['DOMContentLoaded', ms(domContentLoaded)],
      ['first contentful paint', firstContentfulPaint ? ms(firstContentfulPaint) : 'n/a'],
    ],
  ));
  console.log(`\nWrote ${path.relative(REPO_ROOT, file)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
