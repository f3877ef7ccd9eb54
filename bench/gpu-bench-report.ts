/**
 * Merges the bench:llm JSON files of one scripts/gpu-bench.sh run into one JSON and one Markdown
 * table: node --import tsx bench/gpu-bench-report.ts <out-dir> <run-*.json…>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const RunSchema = z
  .object({
    setup: z.object({ model: z.object({ path: z.string(), sizeBytes: z.number() }).loose(), backend: z.object({ backend: z.string(), gpuName: z.string().nullable() }).loose(), threadsPerEvaluation: z.number().nullable() }).loose(),
    summary: z.unknown(),
    targets: z.unknown(),
    engines: z.object({ markdown: z.string(), summary: z.array(z.unknown()), skipped: z.array(z.object({ engine: z.string(), reason: z.string() })) }).nullable().optional(),
    engineTargets: z.array(z.string()).optional(),
    notes: z.array(z.string()),
    machine: z.unknown(),
  })
  .loose();

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  process.stderr.write('Usage: node --import tsx bench/gpu-bench-report.ts <out-dir> <bench-llm-result.json>…\n');
  process.exit(2);
}
const runs = files.map((file) => ({ file, run: RunSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) }));
const sections = runs.map(({ file, run }) => {
  const s = run.setup;
  const title = `${path.basename(s.model.path)} (${(s.model.sizeBytes / 2 ** 30).toFixed(2)} GiB) · ${s.backend.backend}${s.backend.gpuName ? ` ${s.backend.gpuName}` : ''} · ${s.threadsPerEvaluation ?? 'default'} threads`;
  const engines = run.engines ? `${run.engines.markdown}\n\n${(run.engineTargets ?? []).map((t) => `- ${t}`).join('\n')}` : '_engines phase not run_';
  const skipped = run.engines?.skipped.map((x) => `- not measured: ${x.engine} — ${x.reason}`).join('\n') ?? '';
  return `## ${title}\n\nsource: ${path.basename(file)}\n\n${engines}\n${skipped}\n\n${run.notes.map((n) => `- note: ${n}`).join('\n')}\n`;
});
const markdown = `# Steward LLM benchmark, one-command GPU run (${new Date().toISOString()})\n\nEach section is one \`npm run bench:llm\` run; ratios are against the in-process provider and llama-batched-bench measured in the same run.\n\n${sections.join('\n')}`;
writeFileSync(path.join(outDir, 'gpu-bench.md'), markdown);
writeFileSync(path.join(outDir, 'gpu-bench.json'), `${JSON.stringify({ createdAt: new Date().toISOString(), runs: runs.map(({ file, run }) => ({ file: path.basename(file), ...run })) }, null, 2)}\n`);
process.stdout.write(`${markdown}\nwrote ${path.join(outDir, 'gpu-bench.json')} and gpu-bench.md\n`);
