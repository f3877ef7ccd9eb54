import { z } from 'zod';
import { Empty, spec } from './method-spec.js';

/**
 * The HR onboarding demo (`npm run demo`, or "Try the demo" on first run): a sample company in a
 * separate profile. `demo.status` says whether this server runs the demo (and where its inbox,
 * calendar and HR system can be seen) or whether it can start one; `demo.start` starts it
 * beside this profile and answers with the demo's own chat link.
 */
export const DemoLinksSchema = z.object({ inbox: z.string(), calendar: z.string(), hris: z.string() });

export const DemoStatusSchema = z.object({
  /** This server runs the demo profile; links and request describe it. */
  running: z.boolean(),
  links: DemoLinksSchema.nullable(),
  /** The sentence the demo asks the user to type. */
  request: z.string(),
  /** Whether a language model answers here; without one the demo runs on fixed wording rules. */
  modelInstalled: z.boolean(),
  /** Whether this host can start the demo itself ("Try the demo"); otherwise `howToStart` says how. */
  canStart: z.boolean(),
  howToStart: z.string(),
});
export type DemoStatus = z.infer<typeof DemoStatusSchema>;

export const DEMO_METHODS = {
  'demo.status': spec(Empty, DemoStatusSchema),
  'demo.start': spec(Empty, z.object({ chatUrl: z.string() }), true),
};
