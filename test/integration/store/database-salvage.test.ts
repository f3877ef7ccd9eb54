import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseKeyAccount } from '../../../src-main/core/app.js';
import { resolvePaths } from '../../../src-main/core/paths.js';
import { salvageDatabase } from '../../../src-main/core/store/database-salvage.js';
import { createTestCore, tempDir } from '../../helpers/test-core.js';

describe('reading what can be read from a damaged database', () => {
  it('saves the readable conversations and messages of a database with a damaged page, without writing to it', async () => {
    const dataDir = tempDir();
    const t = await createTestCore({ dataDir });
    const sent = await t.core.request('chat.send', { text: 'The Q3 numbers are in the shared drive' });
    for (let i = 0; i < 400; i += 1) await t.core.request('conversations.create', { title: `filler ${i} ${'x'.repeat(180)}` });
    await t.core.close();
    const { databasePath } = resolvePaths(dataDir, 'default');
    // Scribble over every fourth page of the last written stretch: the start (header, schema) still reads.
    const bytes = readFileSync(databasePath);
    const pageSize = 4096;
    const pages = Math.floor(bytes.length / pageSize);
    for (let page = Math.floor(pages * 0.7); page < Math.floor(pages * 0.95); page += 4) bytes.fill(0x41, page * pageSize, (page + 1) * pageSize);
    writeFileSync(databasePath, bytes);
    const before = statSync(databasePath).mtimeMs;

    // Opening normally is refused (damaged); the salvage still reads what it can.
    const key = (await t.secrets.get(databaseKeyAccount('default')))!;
    const out = path.join(dataDir, 'salvaged.json');
    const report = salvageDatabase(databasePath, key, out);
    const saved = JSON.parse(readFileSync(out, 'utf8')) as { tables: Record<string, { id?: string; text?: string }[]> };
    expect(saved.tables.messages?.map((m) => m.text)).toContain('The Q3 numbers are in the shared drive');
    // Most conversations survive; the ones on damaged pages are counted, not silently dropped.
    const lost = Number(/conversations: (\d+) row id\(s\) sit on damaged pages/.exec(report.problems.join('\n'))?.[1] ?? 0);
    expect(lost).toBeGreaterThan(0);
    // Most (well over half) survive; the exact share depends on how the schema's tables and indexes
    // share the damaged stretch of pages (the conversations' owner index of migration 15 moved it).
    expect(report.rows.conversations).toBeGreaterThan(200);
    expect(report.rows.conversations! + lost).toBe(401);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(databasePath).mtimeMs).toBe(before); // read-only: the damaged file is untouched
    expect(sent.message.text).toBe('The Q3 numbers are in the shared drive');
  }, 60_000);
});
