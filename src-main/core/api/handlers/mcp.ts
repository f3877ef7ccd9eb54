/**
 * Request handlers of the MCP servers screen. Async: starting a server, the keychain and the
 * server's own answers all take time.
 */
import type { z } from 'zod';
import type { MCP_METHODS } from '../../../../src-preload/schemas/mcp.js';
import { attachResource } from '../../mcp/mcp-resource-attach.js';
import { mcpFor } from '../../mcp/mcp-registry.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof MCP_METHODS> = z.output<(typeof MCP_METHODS)[M]['input']>;
const { async } = handlersUsing<'core'>();

export const mcpHandlers = {
  'mcp.servers.list': async(async (_input: In<'mcp.servers.list'>, { core }) => mcpFor(core).list()),
  'mcp.servers.add': async(async (input: In<'mcp.servers.add'>, { core }) => mcpFor(core).add(input)),
  'mcp.servers.remove': async(async (input: In<'mcp.servers.remove'>, { core }) => ({ removed: await mcpFor(core).remove(input.name) })),
  'mcp.servers.restart': async(async (input: In<'mcp.servers.restart'>, { core }) => mcpFor(core).restart(input.name)),
  'mcp.servers.setEnabled': async(async (input: In<'mcp.servers.setEnabled'>, { core }) => mcpFor(core).setEnabled(input.name, input.enabled)),
  'mcp.servers.import': async(async (input: In<'mcp.servers.import'>, { core }) => mcpFor(core).importJson(input)),
  'mcp.resources.read': async(async (input: In<'mcp.resources.read'>, { core }) => mcpFor(core).readResource(input.server, input.uri)),
  'mcp.resources.attach': async(async (input: In<'mcp.resources.attach'>, { core }) => attachResource(core, mcpFor(core), input)),
  'mcp.oauth.complete': async(async (input: In<'mcp.oauth.complete'>, { core }) => mcpFor(core).completeSignIn(input)),
};
