/** The database tools against a real PostgreSQL server started for the test (see database-suite.ts for what is checked). */
import { describe } from 'vitest';
import { findPostgres, startPostgres } from '../../helpers/database-servers.js';
import { serverFixture, suite } from './database-suite.js';
import { seedPostgres } from './support.js';

const postgres = findPostgres();

describe.skipIf('missing' in postgres)(`PostgreSQL${'missing' in postgres ? ` — skipped: ${postgres.missing}` : ''}`, () => {
  suite('postgres', async () => {
    const server = await startPostgres();
    await seedPostgres(server);
    return serverFixture('postgres', server);
  });
});
