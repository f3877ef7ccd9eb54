/**
 * Starts the demo company's outside world, all on 127.0.0.1 and free ports: its mail server
 * (demo inbox), a Google-Calendar-compatible calendar, a BambooHR-compatible HR system already
 * holding the staff, and the pages that show them. `serverEnv` is what a Steward server process
 * needs to use them (the calendar address, the demo's own keychain namespace, the page links).
 */
import { startBambooHrServer, type BambooHrServer } from './bamboohr-compatible-server.js';
import { DEMO_COMPANY, DEMO_PEOPLE, departmentLabel } from './demo-company.js';
import { startDemoInbox, type DemoInbox } from './demo-inbox.js';
import { DEMO_KEYCHAIN_SERVICE, demoLinksEnv, type DemoLinks } from './demo-mode.js';
import { startDemoViewer, type DemoViewer } from './demo-viewer.js';
import { startGoogleFake, type GoogleFake } from './google-compatible-server.js';

export interface DemoServices {
  inbox: DemoInbox;
  calendar: GoogleFake;
  hris: BambooHrServer;
  viewer: DemoViewer;
  links: DemoLinks;
  /** Environment for the Steward server process that runs the demo profile. */
  serverEnv: Record<string, string>;
  close(): Promise<void>;
}

export async function startDemoServices(): Promise<DemoServices> {
  const started: { close(): Promise<void> }[] = [];
  try {
    const inbox = await startDemoInbox();
    started.push(inbox);
    const calendar = await startGoogleFake();
    started.push(calendar);
    const hris = await startBambooHrServer({ companyDomain: DEMO_COMPANY.hrisDomain });
    started.push(hris);
    seedStaff(hris);
    const viewer = await startDemoViewer({ inbox, calendar, hris });
    started.push(viewer);
    const links: DemoLinks = { inbox: `${viewer.url}/inbox`, calendar: `${viewer.url}/calendar`, hris: `${viewer.url}/hris` };
    return {
      inbox,
      calendar,
      hris,
      viewer,
      links,
      serverEnv: {
        STEWARD_KEYCHAIN_SERVICE: DEMO_KEYCHAIN_SERVICE,
        STEWARD_GOOGLE_API_URL: calendar.url,
        STEWARD_GOOGLE_OAUTH_URL: calendar.url,
        ...demoLinksEnv(links),
      },
      close: () => closeAll(started),
    };
  } catch (err) {
    await closeAll(started);
    throw err;
  }
}

/** The HR system already knows everyone but the new hire, with who they report to. */
function seedStaff(hris: BambooHrServer): void {
  const director = DEMO_PEOPLE.find((p) => p.role === 'director')!;
  for (const person of DEMO_PEOPLE) {
    const [firstName, ...rest] = person.name.split(' ');
    hris.addEmployee({
      firstName,
      lastName: rest.join(' '),
      workEmail: person.email,
      jobTitle: person.jobTitle,
      department: departmentLabel(person.department),
      hireDate: person.hireDate,
      supervisor: person.role === 'owner' ? '' : person.department === 'engineering' && person.role !== 'director' ? director.name : 'Alex Morgan',
    });
  }
}

async function closeAll(started: { close(): Promise<void> }[]): Promise<void> {
  await Promise.allSettled(started.reverse().map((s) => s.close()));
}
