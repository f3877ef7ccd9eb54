import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The audit chain's head, kept outside the database. The head row inside the database cannot
 * reveal damage to the database itself (a truncated WAL takes the rows and the head together);
 * this small file, signed with a key derived from the database key, still remembers how far the
 * chain reached, so `verify` can say "N recent rows missing".
 */
export interface AuditAnchorPoint {
  seq: number;
  hash: string;
}

const AnchorFileSchema = z.object({ format: z.literal(1), seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/), mac: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export type AnchorReading = { kind: 'none' } | { kind: 'ok'; point: AuditAnchorPoint } | { kind: 'invalid'; why: string };

export class AuditAnchor {
  constructor(
    readonly file: string,
    private readonly key: Buffer,
  ) {}

  write(point: AuditAnchorPoint): void {
    const body = { format: 1 as const, seq: point.seq, hash: point.hash, mac: this.mac(point) };
    // Write-then-rename: a kill mid-write leaves the previous anchor, never half a file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(body) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  read(): AnchorReading {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return { kind: 'none' };
      return { kind: 'invalid', why: `it cannot be read (${(err as { code?: string }).code ?? 'error'})` };
    }
    let parsed: z.infer<typeof AnchorFileSchema>;
    try {
      parsed = AnchorFileSchema.parse(JSON.parse(text));
    } catch {
      return { kind: 'invalid', why: 'it is not a valid anchor file' };
    }
    const expected = Buffer.from(this.mac(parsed), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(parsed.mac, 'hex'))) return { kind: 'invalid', why: 'its signature does not match (it was edited, or belongs to another database)' };
    return { kind: 'ok', point: { seq: parsed.seq, hash: parsed.hash } };
  }

  private mac(point: AuditAnchorPoint): string {
    return createHmac('sha256', this.key).update(`steward-audit-anchor:${point.seq}:${point.hash}`).digest('hex');
  }
}
