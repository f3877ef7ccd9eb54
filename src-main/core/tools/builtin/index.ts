/**
 * The built-in tools: workspace files, documents, email and websites. The registry receives them
 * from builtinTools(); tools that need app services get them through BuiltinToolDeps.
 */
import type { AnyTool } from '../tool.js';
import { documentsDocxTool } from './documents/documents-docx.js';
import { documentsPdfTool } from './documents/documents-pdf.js';
import { documentsXlsxTool } from './documents/documents-xlsx.js';
import { createEmailTool } from './email/email-send.js';
import type { SmtpConfigSource } from '../../integrations/smtp/smtp-config.js';
import { filesCreateTool } from './files/files-create.js';
import { filesDiffTool } from './files/files-diff.js';
import { filesListTool } from './files/files-list.js';
import { filesReadTool } from './files/files-read.js';
import type { PreviewServers } from './website/preview-servers.js';
import { websiteGenerateTool } from './website/website-generate.js';
import { createWebsitePreviewTool } from './website/website-preview.js';
import { createWebsiteScreenshotTool } from './website/website-screenshot.js';
import { stripeTools, type StripeToolDeps } from './stripe/index.js';
import { calendarTools } from './calendar/index.js';
import { gmailTools } from './gmail/index.js';
import { smsTools } from './sms/index.js';
import { databaseTools } from './database/index.js';
import { hrisTools } from './hris/index.js';
import { createKnowledgeSearchTool, type SearchKnowledge } from './knowledge/knowledge-search.js';

export interface BuiltinToolDeps {
  /** Current SMTP settings (Integrations › Email (SMTP)), or null when none are saved. Validated by the tool. */
  getSmtpConfig: SmtpConfigSource;
  /** Shared registry of site previews; the app stops a task's previews when it ends and all of them on shutdown. */
  previews: PreviewServers;
  /** Browser for website.screenshot; default STEWARD_CHROMIUM or /usr/bin/chromium. */
  chromiumPath?: string;
  /** The transaction ledger and settings for the Stripe tools; without it they are not installed. */
  stripe?: StripeToolDeps;
  /** Current settings.integrations.twilio, for the SMS cost estimate on approval cards. */
  getTwilioSettings?: () => unknown;
  /** Searches the knowledge folders, for knowledge.search; without it the tool is not installed. */
  searchKnowledge?: SearchKnowledge;
}

export function builtinTools(deps: BuiltinToolDeps): AnyTool[] {
  const tools: AnyTool[] = [
    filesCreateTool,
    filesReadTool,
    filesListTool,
    filesDiffTool,
    documentsDocxTool,
    documentsXlsxTool,
    documentsPdfTool,
    createEmailTool({ getSmtpConfig: deps.getSmtpConfig }),
    websiteGenerateTool,
    createWebsitePreviewTool(deps.previews),
    createWebsiteScreenshotTool({ chromiumPath: deps.chromiumPath }),
  ];
  if (deps.stripe) tools.push(...stripeTools(deps.stripe));
  tools.push(...gmailTools(), ...calendarTools(), ...smsTools({ getTwilioSettings: deps.getTwilioSettings ?? (() => null) }));
  tools.push(...databaseTools(), ...hrisTools());
  if (deps.searchKnowledge) tools.push(createKnowledgeSearchTool(deps.searchKnowledge));
  return tools;
}

export { PreviewServers } from './website/preview-servers.js';
export { SMTP_PASSWORD_ACCOUNT, SmtpConfigSchema, type SmtpConfig, type SmtpConfigSource } from '../../integrations/smtp/smtp-config.js';
