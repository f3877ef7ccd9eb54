import type { AnyTool } from '../../tool.js';
import { databaseExecuteTool } from './database-execute.js';
import { databaseQueryTool } from './database-query.js';
import { databaseTablesTool } from './database-tables.js';

/** The database tools; they say "not set up" until a database is connected in Integrations. */
export function databaseTools(): AnyTool[] {
  return [databaseTablesTool as AnyTool, databaseQueryTool as AnyTool, databaseExecuteTool as AnyTool];
}
