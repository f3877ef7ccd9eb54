/** Runs once before the suite: nothing global yet beyond making artifact folders exist. */
import { mkdirSync } from 'node:fs';

export function setup(): void {
  mkdirSync('test-artifacts', { recursive: true });
}
