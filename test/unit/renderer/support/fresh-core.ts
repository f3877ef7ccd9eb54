import { afterEach, beforeEach } from 'vitest';
import { createTestCore, type TestCore } from '../../../helpers/test-core.js';
import { createInProcessApi, type InProcessApi } from './in-process-api.js';

/**
 * Gives each test of the file a fresh real core with the in-process API over it, and disposes the
 * core after the test. `ready` gets both before each test, to keep them and build what it tests.
 */
export function useFreshCore(ready: (t: TestCore, api: InProcessApi) => void): void {
  let current: TestCore | undefined;
  beforeEach(async () => {
    current = await createTestCore();
    ready(current, createInProcessApi(current.core));
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
}
