import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, memoryLogSink } from '../../../src-main/core/logging/logger.js';
import { rotatingFileSink } from '../../../src-main/core/logging/rotating-file-sink.js';
import { toStewardError } from '../../../src-main/core/errors.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123';

describe('the log', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('removes secrets at the port, from messages and from error details', () => {
    const sink = memoryLogSink();
    const log = createLogger(sink);
    log.error(`cloud call with ${KEY} failed`, new Error(`401 for key ${KEY}`, { cause: { apiKey: 'hunter2-password-long' } }));
    const written = JSON.stringify(sink.records);
    expect(written).not.toContain('abcdefghijklmnop');
    expect(written).not.toContain('hunter2');
    expect(sink.records[0]).toMatchObject({ level: 'error', message: 'cloud call with [redacted] failed', detail: { name: 'Error', message: '401 for key [redacted]' } });
  });

  it('rotates: the current file stays under its size and only the newest rotated files are kept', () => {
    const dir = tempDir();
    const file = path.join(dir, 'logs', 'steward.log');
    const log = createLogger(rotatingFileSink(file, { maxBytes: 2_000, keep: 2 }));
    for (let i = 0; i < 100; i += 1) log.info(`line ${i} ${'x'.repeat(80)}`);
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['steward.log', 'steward.log.1', 'steward.log.2']);
    expect(readFileSync(file).length).toBeLessThanOrEqual(2_000);
    expect(readFileSync(file, 'utf8')).toContain('line 99 ');
    expect(readFileSync(`${file}.2`, 'utf8')).not.toContain('line 0 ');
  });

  it('"details were written to the log" is true: the message names the file, and the file has the details', async () => {
    t = await createTestCore();
    t.core.db.raw.exec('DROP TABLE settings'); // an internal fault, not a user mistake
    // As every host does with what a request threw:
    const error = toStewardError(await t.core.request('settings.update', { patch: { theme: 'dark' } }).catch((e: unknown) => e));
    expect(error.code).toBe('internal');
    expect(error.userMessage).toContain(`The details were written to the log (${t.core.paths.logFile})`);
    const lines = readFileSync(t.core.paths.logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { level: string; detail?: { message?: string; stack?: string } });
    const logged = lines.filter((l) => l.level === 'error');
    expect(logged).toHaveLength(1); // once, although the error was converted more than once on its way out
    expect(logged[0]?.detail?.message).toMatch(/no such table: settings/);
    expect(logged[0]?.detail?.stack).toContain('settings-store');
    const info = await t.core.request('app.info', {});
    expect(info.logFile).toBe(t.core.paths.logFile);
  });

  it('a full disk met outside a request is still called a full disk', () => {
    const error = toStewardError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    expect(error).toMatchObject({ code: 'disk_full', userMessage: expect.stringMatching(/disk .* is full.*Free some space/) });
  });

  it('does not claim a log was written when no core is running', () => {
    expect(existsSync('/nonexistent')).toBe(false);
    expect(toStewardError(new Error('boom')).userMessage).toBe('Something went wrong inside Steward; please try again.');
  });
});
