import type { AnyTool } from '../../tool.js';
import { createSmsSendTool, type SmsToolDeps } from './sms-send.js';
import { createSmsStatusTool } from './sms-status.js';

/** The SMS tools (Twilio). They say "not set up" until Twilio is configured. */
export function smsTools(deps: SmsToolDeps): AnyTool[] {
  return [createSmsSendTool(deps) as AnyTool, createSmsStatusTool(deps) as AnyTool];
}
