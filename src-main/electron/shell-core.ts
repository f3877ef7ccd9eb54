import type { Core } from '../core/core-types.js';

/**
 * The part of the core the desktop shell uses. Depending on this narrow slice (rather than the
 * whole Core) keeps the shell thin and lets its tests run against a small fake.
 */
export type ShellCore = Pick<Core, 'call' | 'request' | 'events'>;

/** Actor recorded in audit rows for requests made through the desktop UI. */
export const UI_ACTOR = { actor: 'ui' } as const;
