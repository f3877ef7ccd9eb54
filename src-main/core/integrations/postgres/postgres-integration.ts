/** The postgres database connection as an integration; see database/database-integration.ts. */
import { databaseIntegration } from '../database/database-integration.js';

export const postgresIntegration = databaseIntegration('postgres');
