/**
 * Where the demo lives and how a server knows it is running it. The demo is a separate profile
 * ("demo") in a separate data folder (a "demo" folder inside the normal one) with its own
 * keychain namespace ("Steward Demo"), so nothing it does can touch the user's own profile,
 * keys or settings. The demo host passes the addresses of the demo pages in STEWARD_DEMO.
 */
import path from 'node:path';
import { z } from 'zod';

export const DEMO_PROFILE = 'demo';
export const DEMO_KEYCHAIN_SERVICE = 'Steward Demo';
const DEMO_ENV = 'STEWARD_DEMO';

/** The demo's own data folder, beside the user's profiles (never one of them). */
export function demoDataDir(userDataDir: string): string {
  return path.join(userDataDir, 'demo');
}

const LinksSchema = z.object({ inbox: z.url(), calendar: z.url(), hris: z.url() }).strict();
export type DemoLinks = z.infer<typeof LinksSchema>;

export function demoLinksEnv(links: DemoLinks): Record<string, string> {
  return { [DEMO_ENV]: JSON.stringify(links) };
}

/** The demo pages when this process runs the demo; null otherwise (or when the value is not ours). */
export function readDemoLinks(env: NodeJS.ProcessEnv = process.env): DemoLinks | null {
  const raw = env[DEMO_ENV];
  if (!raw) return null;
  try {
    const parsed = LinksSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
