import { z } from 'zod';

/**
 * BambooHR (the HRIS) under integrations.bamboohr. The API key is a secret and lives in the
 * keychain as "bamboohr.apiKey". `apiBaseUrl` is for a sandbox or a test server; leave it.
 */
export const BamboohrSettingsSchema = z
  .object({
    /** The part before .bamboohr.com in your BambooHR address (acme for acme.bamboohr.com). */
    companyDomain: z
      .string({ error: 'must be your BambooHR company domain, such as acme for acme.bamboohr.com' })
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/, 'must be your BambooHR company domain: the part before .bamboohr.com, such as acme'),
    apiBaseUrl: z.url({ error: 'must be a URL such as https://api.bamboohr.com' }).default('https://api.bamboohr.com'),
    timeoutSeconds: z.number().int('must be a whole number').min(1, 'must be at least 1 second').max(120, 'must be at most 120 seconds').default(30),
  })
  .strict();
export type BamboohrSettings = z.output<typeof BamboohrSettingsSchema>;
