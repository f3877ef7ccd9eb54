import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A random id for this install, created once and kept in the profile directory. It only places
 * the install in a staged-rollout bucket; it is never sent anywhere.
 */
export function readOrCreateInstallId(file: string): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (UUID.test(existing)) return existing;
  } catch {
    // missing or unreadable: create below
  }
  const id = randomUUID();
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${id}\n`, { mode: 0o600 });
  } catch (err) {
    console.warn('[steward] could not save the install id; rollout bucket will change next start', err);
  }
  return id;
}
