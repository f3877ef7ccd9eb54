import type { AnyTool } from '../../tool.js';
import { createHrisCreateEmployeeTool } from './hris-create-employee.js';
import { createHrisDirectoryTool } from './hris-directory.js';
import type { HrisToolDeps } from './hris-target.js';
import { createHrisTimeOffTool } from './hris-time-off.js';

/** The HR system tools (BambooHR). They say "not set up" until BambooHR is connected in Integrations. */
export function hrisTools(deps: HrisToolDeps = {}): AnyTool[] {
  return [createHrisCreateEmployeeTool(deps) as AnyTool, createHrisDirectoryTool(deps) as AnyTool, createHrisTimeOffTool(deps) as AnyTool];
}
