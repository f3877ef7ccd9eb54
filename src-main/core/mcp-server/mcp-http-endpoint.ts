/**
 * The opt-in Streamable HTTP endpoint of Steward's MCP server, mounted at /mcp on the local
 * server (127.0.0.1, the same bearer token as the API, checked by the host before it gets here).
 * One MCP session per client, each with its own server instance.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Core } from '../core-types.js';
import { createStewardMcpServer, type StewardMcpAgent, type StewardMcpServerOptions } from './steward-mcp-server.js';

export interface McpHttpEndpoint {
  handle(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void>;
  close(): Promise<void>;
}

export function createMcpHttpEndpoint(core: Core, agent: StewardMcpAgent, options: StewardMcpServerOptions = {}): McpHttpEndpoint {
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  return {
    async handle(req, res, body) {
      const header = req.headers['mcp-session-id'];
      const sessionId = Array.isArray(header) ? header[0] : header;
      let transport = sessionId ? sessions.get(sessionId) : undefined;
      if (!transport) {
        if (sessionId || req.method !== 'POST' || !isInitializeRequest(body)) {
          res.writeHead(sessionId ? 404 : 400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: sessionId ? 'Unknown or expired MCP session; initialize again.' : 'Start with an initialize request.' }, id: null }));
          return;
        }
        const created: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => {
            sessions.set(id, created);
          },
        });
        created.onclose = () => {
          if (created.sessionId) sessions.delete(created.sessionId);
        };
        await createStewardMcpServer(core, agent, options).connect(created);
        transport = created;
      }
      await transport.handleRequest(req, res, body);
    },
    async close() {
      await Promise.all([...sessions.values()].map((t) => t.close().catch(() => undefined)));
      sessions.clear();
    },
  };
}
