/** Plain-text tables for benchmark output: left-aligned first column, right-aligned numbers. */

export type Cell = string | number | null | undefined;

/** Formats a number for a table: thousands grouped, `digits` decimals, '—' for missing. */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const text = (cell: Cell): string => (cell === null || cell === undefined ? '—' : typeof cell === 'number' ? formatNumber(cell) : cell);
  const all = [header.map(String), ...rows.map((row) => header.map((_, i) => text(row[i])))];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
