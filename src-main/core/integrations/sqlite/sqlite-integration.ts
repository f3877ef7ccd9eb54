/** The sqlite database connection as an integration; see database/database-integration.ts. */
import { databaseIntegration } from '../database/database-integration.js';

export const sqliteIntegration = databaseIntegration('sqlite');
