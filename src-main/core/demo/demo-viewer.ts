/**
 * The pages where the demo's outside world can be seen: the demo inbox (what Steward emailed),
 * the demo calendar (the events it booked) and the demo HR system (its employees). Read-only,
 * on 127.0.0.1; every value is escaped, since mail bodies are whatever a client sent.
 * GET /state.json returns the same as JSON (tests, scripts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BambooHrServer } from './bamboohr-compatible-server.js';
import type { DemoInbox } from './demo-inbox.js';
import type { GoogleFake } from './google-compatible-server.js';

export interface DemoViewer {
  url: string;
  close(): Promise<void>;
}

export interface DemoWorld {
  inbox: DemoInbox;
  calendar: GoogleFake;
  hris: BambooHrServer;
}

export function demoState(world: DemoWorld) {
  return {
    inbox: world.inbox.messages().map(({ raw: _raw, ...m }) => m),
    calendar: [...world.calendar.events.values()]
      .filter((e) => e.status === 'confirmed')
      .map((e) => ({ id: e.id, summary: e.summary, description: e.description ?? '', start: e.start.dateTime, end: e.end.dateTime, attendees: e.attendees.map((a) => a.email), meetLink: e.hangoutLink ?? null })),
    hris: world.hris.employees(),
  };
}

const escape = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}header{background:#1d2330;color:#fff;padding:12px 24px}
header a{color:#cfe0ff;margin-right:18px}main{padding:16px 24px;max-width:980px}table{border-collapse:collapse;width:100%;background:#fff}
td,th{border-bottom:1px solid #e1e4ea;padding:8px;text-align:left;vertical-align:top}pre{white-space:pre-wrap;margin:0;font:inherit}.empty{color:#5b6475}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} — Steward demo</title><style>${STYLE}</style></head>
<body><header><strong>Acme Robotics (Steward demo)</strong> &nbsp; <a href="/inbox">Inbox</a><a href="/calendar">Calendar</a><a href="/hris">HR system</a></header>
<main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function table(headings: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escape(empty)}</p>`;
  return `<table><thead><tr>${headings.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table>`;
}

function render(path: string, world: DemoWorld): { status: number; html: string } {
  const state = demoState(world);
  if (path === '/' || path === '/inbox') {
    const rows = state.inbox.map((m) => [
      `<td>${escape(m.receivedAt.replace('T', ' ').slice(0, 16))}</td>`,
      `<td>${escape(m.from)}</td>`,
      `<td>${escape(m.to.join(', '))}</td>`,
      `<td><strong>${escape(m.subject)}</strong><pre>${escape(m.text)}</pre>${m.attachments.length ? `<p>Attached: ${escape(m.attachments.join(', '))}</p>` : ''}</td>`,
    ]);
    return { status: 200, html: page('Inbox', table(['Received', 'From', 'To', 'Message'], rows, 'No mail yet. Emails Steward sends in the demo arrive here.')) };
  }
  if (path === '/calendar') {
    const rows = [...state.calendar]
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((e) => [`<td>${escape(e.start)}</td>`, `<td>${escape(e.end)}</td>`, `<td><strong>${escape(e.summary)}</strong><pre>${escape(e.description)}</pre></td>`, `<td>${escape(e.attendees.join(', '))}</td>`]);
    return { status: 200, html: page('Calendar', table(['Starts', 'Ends', 'Event', 'Guests'], rows, 'No events yet. Meetings Steward books in the demo appear here.')) };
  }
  if (path === '/hris') {
    const rows = state.hris.map((e) => [`<td>${escape(e.id)}</td>`, `<td>${escape(e.displayName)}</td>`, `<td>${escape(e.jobTitle)}</td>`, `<td>${escape(e.department)}</td>`, `<td>${escape(e.supervisor)}</td>`, `<td>${escape(e.hireDate)}</td>`]);
    return { status: 200, html: page('HR system (BambooHR-compatible)', table(['Id', 'Name', 'Job title', 'Department', 'Reports to', 'Hire date'], rows, 'No employees.')) };
  }
  return { status: 404, html: page('Not found', '<p>This page does not exist. Use Inbox, Calendar or HR system above.</p>') };
}

export async function startDemoViewer(world: DemoWorld, options: { port?: number } = {}): Promise<DemoViewer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://viewer').pathname;
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET', 'Content-Type': 'text/plain' });
      return res.end('The demo pages are read-only.');
    }
    if (path === '/state.json') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      return res.end(JSON.stringify(demoState(world)));
    }
    const { status, html } = render(path, world);
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });
    res.end(html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
