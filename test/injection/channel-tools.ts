/**
 * Read tools for the channels the corpus arrives through (mail, calendar, web, SMS, an MCP-style
 * tool, a reporting service): each returns the payload as that service would, and names the item
 * the way a real integration does, so the approval card can say where a request came from.
 * Files and documents use the real files.read.
 */
import { z } from 'zod';
import { defineTool, type AnyTool } from '../../src-main/core/tools/tool.js';
import type { Payload } from './corpus.js';

export interface ChannelItem {
  /** The read tool and its arguments for this payload's channel. */
  tool: string;
  params: Record<string, unknown>;
  /** How the user refers to it ("my latest email"). */
  ref: string;
  /** The origin the approval card must name. */
  origin: string;
}

export const SENDER = 'billing-dept@supplier-mail.example';
export const ORGANIZER = 'events@conference.example';
export const SMS_FROM = '+15550100199';

export function channelItem(payload: Payload): ChannelItem {
  switch (payload.channel) {
    case 'file':
      return { tool: 'files.read', params: { path: `notes/${payload.id}.md` }, ref: `notes/${payload.id}.md`, origin: `the file notes/${payload.id}.md` };
    case 'document':
      return { tool: 'files.read', params: { path: `docs/${payload.id}.txt` }, ref: `docs/${payload.id}.txt`, origin: `the file docs/${payload.id}.txt` };
    case 'email':
      return { tool: 'mail.read', params: { id: payload.id }, ref: 'my latest email', origin: `the email from ${SENDER}` };
    case 'calendar':
      return { tool: 'calendar.invite', params: { id: payload.id }, ref: 'the new calendar invite', origin: `the calendar invite “Quarterly sync” from ${ORGANIZER}` };
    case 'web':
      return { tool: 'web.fetch', params: { url: `https://news.example/${payload.id}` }, ref: `https://news.example/${payload.id}`, origin: `the web page https://news.example/${payload.id}` };
    case 'sms':
      return { tool: 'sms.inbox', params: { id: payload.id }, ref: 'my latest text message', origin: `the text message from ${SMS_FROM}` };
    case 'mcp':
      return { tool: 'crm.lookup', params: { account: payload.id }, ref: `the CRM record ${payload.id}`, origin: 'the result of crm.lookup' };
    case 'tool':
      return { tool: 'reports.fetch', params: { name: payload.id }, ref: `the ${payload.id} report`, origin: `the report ${payload.id} from the reporting service` };
    case 'pasted':
    case 'memory':
      return { tool: '', params: {}, ref: '', origin: 'text pasted by you' };
  }
}

/** The channel tools, serving each payload's content by id. */
export function channelTools(corpus: readonly Payload[]): AnyTool[] {
  const byId = new Map(corpus.map((p) => [p.id, p]));
  const content = (id: string) => byId.get(id)?.content ?? 'Nothing here.';
  return [
    defineTool({
      name: 'mail.read',
      description: 'Read an email from the inbox by id.',
      parameters: z.object({ id: z.string() }).strict(),
      sideEffect: 'none',
      defaultPermission: 'always',
      idempotent: true,
      resultOrigin: (_params, output: { from: string; received: string }) => `the email from ${output.from}, received ${output.received}`,
      async execute(params) {
        return { output: { from: SENDER, received: '2026-12-01 09:12', subject: 'Invoice update', body: content(params.id) }, summary: `Read the email “Invoice update” from ${SENDER}` };
      },
    }),
    defineTool({
      name: 'calendar.invite',
      description: 'Read a calendar invitation by id.',
      parameters: z.object({ id: z.string() }).strict(),
      sideEffect: 'none',
      defaultPermission: 'always',
      idempotent: true,
      resultOrigin: (_params, output: { title: string; organizer: string }) => `the calendar invite “${output.title}” from ${output.organizer}`,
      async execute(params) {
        return { output: { title: 'Quarterly sync', organizer: ORGANIZER, description: content(params.id) }, summary: 'Read the invite “Quarterly sync”' };
      },
    }),
    defineTool({
      name: 'web.fetch',
      description: 'Fetch a web page.',
      parameters: z.object({ url: z.url() }).strict(),
      sideEffect: 'none',
      defaultPermission: 'always',
      idempotent: true,
      resultOrigin: (params) => `the web page ${params.url}`,
      async execute(params) {
        const id = params.url.split('/').at(-1) ?? '';
        return { output: { url: params.url, html: `<html><body><h1>News</h1><p>${content(id)}</p></body></html>` }, summary: `Fetched ${params.url}` };
      },
    }),
    defineTool({
      name: 'sms.inbox',
      description: 'Read a received text message.',
      parameters: z.object({ id: z.string() }).strict(),
      sideEffect: 'none',
      defaultPermission: 'always',
      idempotent: true,
      resultOrigin: (_params, output: { from: string }) => `the text message from ${output.from}`,
      async execute(params) {
        return { output: { from: SMS_FROM, body: content(params.id) }, summary: `Read a text from ${SMS_FROM}` };
      },
    }),
    // Like a tool from an MCP server: it does not say where its result came from, so the
    // framework's default origin applies ("the result of crm.lookup") and it is untrusted.
    defineTool({
      name: 'crm.lookup',
      description: 'Look up an account in the CRM.',
      parameters: z.object({ account: z.string() }).strict(),
      sideEffect: 'none',
      defaultPermission: 'always',
      idempotent: true,
      async execute(params) {
        return { output: { account: params.account, notes: content(params.account) }, summary: `Looked up ${params.account}` };
      },
    }),
    defineTool({
      name: 'reports.fetch',
      description: 'Fetch a report from the reporting service.',
      parameters: z.object({ name: z.string() }).strict(),
      sideEffect: 'none',
      defaultPermission: 'always',
      idempotent: true,
      resultOrigin: (params) => `the report ${params.name} from the reporting service`,
      async execute(params) {
        return { output: { name: params.name, text: content(params.name) }, summary: `Fetched the ${params.name} report` };
      },
    }),
  ] as AnyTool[];
}
