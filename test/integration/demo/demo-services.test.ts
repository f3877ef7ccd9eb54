/**
 * The demo company's outside world, driven by the clients Steward really uses: the BambooHR
 * client against the BambooHR-compatible HR system, nodemailer against the demo inbox, and the
 * seeding of the demo profile (settings, keychain entries, people) on a real core.
 */
import { existsSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BamboohrClient } from '../../../src-main/core/integrations/bamboohr/bamboohr-client.js';
import { readGoogleTokens } from '../../../src-main/core/integrations/google/google-tokens.js';
import { DEMO_PEOPLE } from '../../../src-main/core/demo/demo-company.js';
import { DEMO_PROFILE } from '../../../src-main/core/demo/demo-mode.js';
import { seedDemoProfile } from '../../../src-main/core/demo/demo-seed.js';
import { startDemoServices, type DemoServices } from '../../../src-main/core/demo/demo-services.js';
import { Sqlite } from '../../../src-main/core/store/sqlite.js';
import { createTestCore } from '../../helpers/test-core.js';

describe('the HR demo services', () => {
  let services: DemoServices;
  beforeAll(async () => {
    services = await startDemoServices();
  }, 30_000);
  afterAll(async () => {
    await services?.close();
  });

  const client = (apiKey = services.hris.apiKey) =>
    new BamboohrClient({ apiBaseUrl: services.hris.url, companyDomain: services.hris.companyDomain, apiKey, timeoutMs: 5_000, retryBaseDelayMs: 1 });

  it('HR system: BambooHR’s client reads the staff, creates an employee once and is refused with a wrong key', async () => {
    const staff = await client().directory();
    expect(staff.map((e) => e.displayName)).toEqual(DEMO_PEOPLE.map((p) => p.name));
    expect(staff.find((e) => e.displayName === 'Sam Ortiz')?.supervisor).toBe('Priya Shah');
    expect(await client().whoAmI()).toBe('Alex Morgan');

    const created = await client().createEmployee({ firstName: 'Dana', lastName: 'Lee', jobTitle: 'Senior Engineer', hireDate: '2027-01-05', workEmail: 'dana.lee@acme.test' });
    expect(created.id).toMatch(/^\d+$/);
    expect(services.hris.created()).toEqual([expect.objectContaining({ id: created.id, displayName: 'Dana Lee', jobTitle: 'Senior Engineer', hireDate: '2027-01-05' })]);
    expect((await client().directory()).filter((e) => e.displayName === 'Dana Lee')).toHaveLength(1);

    await expect(client('wrong-key').directory()).rejects.toThrow(/BambooHR/);
    expect(services.hris.employees()).toHaveLength(DEMO_PEOPLE.length + 1);
  });

  it('inbox: a message sent over SMTP shows with its decoded subject, text and attachment names, and the page escapes it', async () => {
    const transport = nodemailer.createTransport({ host: services.inbox.host, port: services.inbox.port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: '"Acme HR" <hr@acme.test>',
      to: 'dana.lee@acme.test',
      subject: 'Willkommen, Dana — <b>welcome</b>!',
      text: 'Hi Dana,\nyour first day is January 5. Grüße!',
      attachments: [{ filename: 'offer-letter.docx', content: Buffer.from('PK fake') }],
    });
    transport.close();
    const [mail] = services.inbox.messages();
    expect(mail).toMatchObject({ from: 'hr@acme.test', to: ['dana.lee@acme.test'], subject: 'Willkommen, Dana — <b>welcome</b>!', attachments: ['offer-letter.docx'] });
    expect(mail!.text).toContain('your first day is January 5. Grüße!');

    const page = await (await fetch(services.links.inbox)).text();
    expect(page).toContain('Willkommen, Dana — &lt;b&gt;welcome&lt;/b&gt;!');
    expect(page).not.toContain('<b>welcome</b>');
    expect((await fetch(services.links.inbox, { method: 'POST' })).status).toBe(405);
  });

  it('seeds the demo profile: mail, calendar sign-in and HR system settings, keys in the keychain, the people with roles, the sample database; again without duplicates', async () => {
    const test = await createTestCore({ profile: DEMO_PROFILE, installAgent: false });
    try {
      const first = await seedDemoProfile(test.core, services);
      await seedDemoProfile(test.core, services);
      const integrations = test.core.settings.get().integrations;
      expect(integrations.smtp).toMatchObject({ host: '127.0.0.1', port: services.inbox.port, security: 'none', from: 'hr@acme.test' });
      expect(integrations.google).toMatchObject({ clientId: services.calendar.clientId, features: { calendar: true, gmailSend: false } });
      expect(integrations.bamboohr).toMatchObject({ companyDomain: 'acme', apiBaseUrl: services.hris.url });
      expect(await test.secrets.get('bamboohr.apiKey')).toBe(services.hris.apiKey);
      const tokens = await readGoogleTokens(test.secrets);
      expect(tokens?.email).toBe('owner@acme.test');
      expect(services.calendar.liveRefreshTokens()).toContain(tokens?.refreshToken);

      const people = test.core.people.list();
      expect(people.map((p) => [p.name, p.role]).sort()).toEqual(DEMO_PEOPLE.map((p) => [p.name, p.role]).sort());
      expect(people.find((p) => p.name === 'Priya Shah')).toMatchObject({ role: 'director', departments: ['engineering'], canSignIn: true });

      expect(existsSync(first.sampleDatabase)).toBe(true);
      const db = new Sqlite(first.sampleDatabase, { readonly: true });
      const count = db.prepare('SELECT COUNT(*) AS n FROM employees').get() as { n: number };
      db.close();
      expect(count.n).toBe(DEMO_PEOPLE.length + 5);
    } finally {
      await test.dispose();
    }
  }, 60_000);

  it('refuses to seed any profile but the demo one, and changes nothing there', async () => {
    const test = await createTestCore({ profile: 'default', installAgent: false });
    try {
      const before = test.core.settings.get();
      await expect(seedDemoProfile(test.core, services)).rejects.toThrow('The demo only seeds its own profile "demo", not "default". Nothing was changed.');
      expect(test.core.settings.get()).toEqual(before);
      expect(await test.secrets.get('google.tokens')).toBeNull();
    } finally {
      await test.dispose();
    }
  });
});
