/** The database tools against a real MariaDB server started for the test (see database-suite.ts for what is checked). */
import { describe } from 'vitest';
import { findMariadb, startMariadb } from '../../helpers/database-servers.js';
import { serverFixture, suite } from './database-suite.js';
import { seedMariadb } from './support.js';

const mariadb = findMariadb();

describe.skipIf('missing' in mariadb)(`MariaDB${'missing' in mariadb ? ` — skipped: ${mariadb.missing}` : ''}`, () => {
  suite('mysql', async () => {
    const server = await startMariadb();
    await seedMariadb(server);
    return serverFixture('mysql', server);
  });
});
