/** Request handlers of the HR demo ("Try the demo" and the demo banner). */
import type { z } from 'zod';
import type { DEMO_METHODS, DemoStatus } from '../../../../src-preload/schemas/demo.js';
import type { Core } from '../../core-types.js';
import { DEMO_REQUEST } from '../../demo/demo-company.js';
import { DEMO_TERMINAL_HINT } from '../../demo/demo-launcher.js';
import { DEMO_PROFILE, readDemoLinks } from '../../demo/demo-mode.js';
import { StewardError } from '../../errors.js';

type In<M extends keyof typeof DEMO_METHODS> = z.output<(typeof DEMO_METHODS)[M]['input']>;
type Deps = { core: Core };

const sync = <I, O>(run: (input: I, deps: Deps) => O) => ({ kind: 'sync' as const, run });
const async = <I, O>(run: (input: I, deps: Deps) => Promise<O>) => ({ kind: 'async' as const, run });

export function demoStatus(core: Core): DemoStatus {
  const links = core.config.profile === DEMO_PROFILE ? readDemoLinks() : null;
  const running = links !== null;
  const canStart = !running && core.demoLauncher !== null;
  return {
    running,
    links,
    request: DEMO_REQUEST,
    modelInstalled: core.llm.hasModel(),
    canStart,
    howToStart: running ? 'This is the demo.' : canStart ? 'Choose "Try the demo": it opens in a new tab, in its own profile.' : DEMO_TERMINAL_HINT,
  };
}

export const demoHandlers = {
  'demo.status': sync((_input: In<'demo.status'>, { core }) => demoStatus(core)),
  'demo.start': async(async (_input: In<'demo.start'>, { core }) => {
    if (core.config.profile === DEMO_PROFILE) throw new StewardError('conflict', 'This is already the demo. Type the sentence shown above the chat box to run it.');
    const launcher = core.demoLauncher;
    if (!launcher) throw new StewardError('invalid_input', `This app cannot start the demo by itself. ${DEMO_TERMINAL_HINT}`);
    return launcher.start();
  }),
};
