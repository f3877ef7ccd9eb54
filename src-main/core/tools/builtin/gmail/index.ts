import type { AnyTool } from '../../tool.js';
import type { GmailToolDeps } from './gmail-common.js';
import { createGmailReadTool, createGmailSearchTool } from './gmail-read.js';
import { createGmailSendTool } from './gmail-send.js';

/** The Gmail tools. They say "not set up" until Google is connected with the Gmail permissions. */
export function gmailTools(deps: GmailToolDeps = {}): AnyTool[] {
  return [createGmailSendTool(deps), createGmailSearchTool(deps), createGmailReadTool(deps)] as AnyTool[];
}
