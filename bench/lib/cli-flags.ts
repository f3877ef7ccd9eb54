/**
 * `--name value` / `--name=value` / `--flag` command-line parsing, validated by a zod schema so a
 * mistyped option stops the benchmark with a clear message instead of measuring the wrong thing.
 */
import { z } from 'zod';

export class BenchUsageError extends Error {
  constructor(message: string, readonly usage: string) {
    super(`${message}\n\n${usage}`);
    this.name = 'BenchUsageError';
  }
}

/** Splits argv into a map of flag names (without dashes, camelCased) to string values ('true' for bare flags). */
export function readFlags(argv: readonly string[], usage: string): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (!arg.startsWith('--')) throw new BenchUsageError(`Unexpected argument "${arg}".`, usage);
    const eq = arg.indexOf('=');
    const rawName = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const name = rawName.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (eq >= 0) flags[name] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags[name] = argv[++i]!;
    else flags[name] = 'true';
  }
  return flags;
}

export function parseFlags<S extends z.ZodType>(argv: readonly string[], schema: S, usage: string): z.output<S> {
  const flags = readFlags(argv, usage);
  if (flags.help === 'true' || flags.h === 'true') {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const parsed = schema.safeParse(flags);
  if (!parsed.success) {
    const dashed = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const problems = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys' ? `unknown option ${issue.keys.map(dashed).join(', ')}` : `${dashed(issue.path.map(String).join('.'))}: ${issue.message}`,
    );
    throw new BenchUsageError(`Invalid options:\n  ${problems.join('\n  ')}`, usage);
  }
  return parsed.data;
}
