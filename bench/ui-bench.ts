/**
 * UI benchmark (`npm run bench:ui`): the renderer bundle's size (every file under
 * out/renderer/assets, raw and gzip) and time to interactive in Chromium against the real local
 * server, median of N cold loads (a fresh browser profile each time), for three pages:
 *   - baseline: a minimal static page (one HTML file, one module script that enables a text box)
 *     served by the same server to the same browser — what any page costs on this machine;
 *   - chat: navigation start → composer enabled with the conversation list shown;
 *   - memory dashboard: navigation start → facts and analytics loaded, search box shown.
 * Chat and dashboard are also reported as ratios over the baseline (DESIGN §6: compare against a
 * baseline measured in the same run). First contentful paint comes from a buffered
 * PerformanceObserver installed before the page's own scripts run.
 * Writes bench/results/ui-<timestamp>.json and prints a table.
 *
 * Usage: npm run bench:ui [-- --runs 7] [-- --no-build]
 * Absolute times are from this machine only (DESIGN §6): compare runs on the same machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  /** Navigation start → the page's "ready" condition held. */
  interactiveMs: number;
  domContentLoadedMs: number;
  firstContentfulPaintMs: number | null;
}

/** A page to time: where it is, and (run in the page) when it counts as usable. */
interface PageUnderTest {
  name: 'baseline' | 'chat' | 'dashboard';
  url: (server: { origin: string; token: string; chatUrl: string }) => string;
  /** Run in the page every frame: performance.now() once the page is usable, else null. */
  ready: () => number | null;
}

/** The baseline page, written next to the built renderer for the run so the same server serves it. */
const BASELINE_DIR = 'bench-baseline';
const BASELINE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8" /><title>baseline</title><script type="module" src="./baseline.js"></script></head>
<body><p>Baseline page.</p><textarea aria-label="Baseline box" disabled></textarea></body></html>
`;
const BASELINE_JS = "document.querySelector('textarea').disabled = false;\n";

const PAGES: readonly PageUnderTest[] = [
  {
    name: 'baseline',
    url: (server) => `${server.origin}/chat/${BASELINE_DIR}/index.html`,
    ready: () => (document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Baseline box"]')?.disabled === false ? performance.now() : null),
  },
  {
    name: 'chat',
    url: (server) => server.chatUrl,
    ready: () => {
      const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message Steward"]');
      return box && !box.disabled && document.querySelector('[aria-label="Conversation list"]') ? performance.now() : null;
    },
  },
  {
    name: 'dashboard',
    // The route and the token share the fragment: "#/memory&token=…" opens Memory directly.
    url: (server) => `${server.origin}/chat/#/memory&token=${encodeURIComponent(server.token)}`,
    ready: () => (document.querySelector('input[aria-label="Search memory"]') && document.querySelector('[aria-label="Facts per category"]') ? performance.now() : null),
  },
];

/**
 * Records first-contentful-paint as it happens. Headless Chromium does emit paint timing, but an
 * entry read with getEntriesByName() after the fact can be missing when the page was still
 * hidden or the timeline was read too early; an observer registered before any page script
 * with buffered: true sees every paint entry there was.
 */
function recordFirstContentfulPaint(): void {
  const w = window as unknown as { __stewardFcp?: number };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint' && w.__stewardFcp === undefined) w.__stewardFcp = entry.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {
    // No paint timing in this browser: reported as n/a.
  }
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

async function measureLoads(runs: number): Promise<Record<PageUnderTest['name'], LoadSample[]>> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'steward-ui-bench-'));
  const baselineDir = path.join(RENDERER_DIR, BASELINE_DIR);
  mkdirSync(baselineDir, { recursive: true });
  writeFileSync(path.join(baselineDir, 'index.html'), BASELINE_HTML);
  writeFileSync(path.join(baselineDir, 'baseline.js'), BASELINE_JS);
  const server = await startStewardServer({ home });
  const samples: Record<PageUnderTest['name'], LoadSample[]> = { baseline: [], chat: [], dashboard: [] };
  try {
    // Round 0 warms the server (first requests compile, open the store) and is not counted.
    // Pages alternate within each round so a slow moment on the machine hits all of them alike.
    for (let round = 0; round <= runs; round++) {
      for (const target of PAGES) {
        const sample = await loadOnce(target, server);
        if (round > 0) samples[target.name].push(sample);
      }
    }
  } finally {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(baselineDir, { recursive: true, force: true });
  }
  return samples;
}

async function loadOnce(target: PageUnderTest, server: { origin: string; token: string; chatUrl: string }): Promise<LoadSample> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await page.addInitScript(recordFirstContentfulPaint);
    await page.goto(target.url(server), { waitUntil: 'commit' });
    // performance.now() counts from the navigation's time origin: the moment the load began.
    const interactive = await page.waitForFunction(target.ready, undefined, { polling: 'raf', timeout: PAGE_TIMEOUT_MS }).catch(async (err: unknown) => {
      const seen = await page.evaluate(() => document.body?.innerText.slice(0, 300) ?? '').catch(() => '(page gone)');
      throw new Error(`The ${target.name} page never became ready (${err instanceof Error ? err.message.split('\n')[0] : String(err)}). It showed: ${seen}`);
    });
    const interactiveMs = (await interactive.jsonValue()) as number;
    // Paint entries are queued a frame or two after the paint itself.
    const fcp = await page
      .waitForFunction(() => (window as unknown as { __stewardFcp?: number }).__stewardFcp ?? null, undefined, { timeout: 2_000 })
      .then((handle) => handle.jsonValue() as Promise<number>)
      .catch(() => null);
    const domContentLoadedMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? 0);
    return { interactiveMs, domContentLoadedMs, firstContentfulPaintMs: fcp };
  } finally {
    await browser.close();
  }
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
  const summaries = (list: LoadSample[]) => {
    const fcp = list.map((s) => s.firstContentfulPaintMs).filter((v): v is number => v !== null);
    return {
      timeToInteractiveMs: summarize(list.map((s) => s.interactiveMs)),
      domContentLoadedMs: summarize(list.map((s) => s.domContentLoadedMs)),
      firstContentfulPaintMs: fcp.length ? summarize(fcp) : null,
    };
  };
  const baseline = summaries(samples.baseline);
  const chat = summaries(samples.chat);
  const dashboard = summaries(samples.dashboard);
  const ratio = (page: ReturnType<typeof summaries>) => page.timeToInteractiveMs.median / baseline.timeToInteractiveMs.median;

  const file = writeBenchResult('ui', {
    benchmark: 'ui',
    takenAt: new Date().toISOString(),
    machine: collectMachineFacts(['react', 'react-dom', 'react-markdown', 'highlight.js', '@tanstack/react-virtual', 'playwright-core', 'vite']),
    runs: flags.runs,
    bundle,
    baselinePage: baseline,
    chatPage: { ...chat, ttiOverBaseline: ratio(chat) },
    memoryDashboard: { ...dashboard, ttiOverBaseline: ratio(dashboard) },
  });

  const fcpText = (page: ReturnType<typeof summaries>) => (page.firstContentfulPaintMs ? ms(page.firstContentfulPaintMs) : 'n/a (no paint entry)');
  console.log(
    formatTable(
      ['measure', 'value'],
      [
        ['bundle JS (raw / gzip)', `${kb(bundle.js.rawBytes)} / ${kb(bundle.js.gzipBytes)}`],
        ['bundle CSS (raw / gzip)', `${kb(bundle.css.rawBytes)} / ${kb(bundle.css.gzipBytes)}`],
        ['bundle total (raw / gzip)', `${kb(bundle.all.rawBytes)} / ${kb(bundle.all.gzipBytes)}`],
        [`baseline page TTI, median of ${flags.runs}`, ms(baseline.timeToInteractiveMs)],
        [`chat TTI, median of ${flags.runs}`, `${ms(chat.timeToInteractiveMs)} · ${ratio(chat).toFixed(2)}× baseline`],
        [`memory dashboard TTI, median of ${flags.runs}`, `${ms(dashboard.timeToInteractiveMs)} · ${ratio(dashboard).toFixed(2)}× baseline`],
        ['chat DOMContentLoaded', ms(chat.domContentLoadedMs)],
        ['first contentful paint: baseline', fcpText(baseline)],
        ['first contentful paint: chat', fcpText(chat)],
        ['first contentful paint: dashboard', fcpText(dashboard)],
      ],
    ),
  );
  console.log(`\nWrote ${path.relative(REPO_ROOT, file)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
