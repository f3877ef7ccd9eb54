/**
 * Database values made safe for JSON, the model and the audit row: dates as ISO text, bytes as a
 * size (never raw binary in a prompt), big integers as numbers when exact and text otherwise.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonValue(v)]));
  return value;
}

/** Rows as objects keyed by column; a repeated column name gets a suffix (id, id_2) instead of hiding a value. */
export function rowsToObjects(columns: readonly string[], rows: readonly unknown[][]): { columns: string[]; rows: Record<string, unknown>[] } {
  const seen = new Map<string, number>();
  const keys = columns.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
  return { columns: keys, rows: rows.map((row) => Object.fromEntries(keys.map((key, i) => [key, toJsonValue(row[i])]))) };
}
