/**
 * Request handlers of the MCP servers screen. Async: starting a server, the keychain and the
 * server's own answers all take time.
 */
import type { z } from 'zod';
import type { MCP_METHODS } from '../../../../src-preload/schemas/mcp.js';
import { attachResource } from '../../mcp/mcp-resource-attach.js';
import { mcpOf } from '../../agent/extension-services.js';
import { handlersUsing } from '../handler.js';

type In<M extends keyof typeof MCP_METHODS> = z.output<(typeof MCP_METHODS)[M]['input']>;
const { async } = handlersUsing<'core' | 'extensions'>();

export const mcpHandlers = {
  'mcp.servers.list': async(async (_input: In<'mcp.servers.list'>, { extensions }) => mcpOf(extensions).list()),
  'mcp.servers.add': async(async (input: In<'mcp.servers.add'>, { extensions }) => mcpOf(extensions).add(input)),
  'mcp.servers.remove': async(async (input: In<'mcp.servers.remove'>, { extensions }) => ({ removed: await mcpOf(extensions).remove(input.name) })),
  'mcp.servers.restart': async(async (input: In<'mcp.servers.restart'>, { extensions }) => mcpOf(extensions).restart(input.name)),
  'mcp.servers.setEnabled': async(async (input: In<'mcp.servers.setEnabled'>, { extensions }) => mcpOf(extensions).setEnabled(input.name, input.enabled)),
  'mcp.servers.import': async(async (input: In<'mcp.servers.import'>, { extensions }) => mcpOf(extensions).importJson(input)),
  'mcp.resources.read': async(async (input: In<'mcp.resources.read'>, { extensions }) => mcpOf(extensions).readResource(input.server, input.uri)),
  'mcp.resources.attach': async(async (input: In<'mcp.resources.attach'>, { core, extensions }) => attachResource(core, mcpOf(extensions), input)),
  'mcp.oauth.complete': async(async (input: In<'mcp.oauth.complete'>, { extensions }) => mcpOf(extensions).completeSignIn(input)),
};
