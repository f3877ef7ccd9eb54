import { describe, expect, it } from 'vitest';
import { buildMcpTool, mcpToolName, sideEffectFromAnnotations } from '../../../src-main/core/mcp/mcp-tool-adapter.js';
import { normaliseServerName } from '../../../src-main/core/mcp/mcp-server-config.js';

describe('MCP tools as Steward tools', () => {
  it('classes side effects from annotations, strictest reading wins, external when absent', () => {
    expect(sideEffectFromAnnotations(undefined)).toBe('external');
    expect(sideEffectFromAnnotations({})).toBe('external');
    expect(sideEffectFromAnnotations({ readOnlyHint: true })).toBe('none');
    expect(sideEffectFromAnnotations({ readOnlyHint: true, openWorldHint: false })).toBe('none');
    // A server cannot make a destructive call look safe by also claiming it is read-only.
    expect(sideEffectFromAnnotations({ readOnlyHint: true, destructiveHint: true })).toBe('external');
    expect(sideEffectFromAnnotations({ readOnlyHint: true, openWorldHint: true })).toBe('external');
    expect(sideEffectFromAnnotations({ readOnlyHint: false, destructiveHint: false, openWorldHint: false })).toBe('local');
    expect(sideEffectFromAnnotations({ readOnlyHint: false, destructiveHint: false })).toBe('external');
  });

  it('only read-only tools run without asking by default', () => {
    const call = async () => ({ content: [] });
    const schema = { type: 'object' as const, properties: { x: { type: 'string' } } };
    expect(buildMcpTool('s', { name: 'read', inputSchema: schema, annotations: { readOnlyHint: true } }, call).defaultPermission).toBe('always');
    expect(buildMcpTool('s', { name: 'write', inputSchema: schema, annotations: { destructiveHint: true } }, call).defaultPermission).toBe('ask');
    expect(buildMcpTool('s', { name: 'plain', inputSchema: schema }, call).defaultPermission).toBe('ask');
  });

  it('names tools <server>.<tool> within the registry’s rules', () => {
    expect(mcpToolName('everything', 'get-sum')).toBe('everything.get_sum');
    expect(mcpToolName('fs', 'Read File')).toBe('fs.read_file');
    expect(mcpToolName('fs', '2fa-code')).toBe('fs.t_2fa_code');
    const long = mcpToolName('server', 'x'.repeat(100));
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).not.toBe(mcpToolName('server', `${'x'.repeat(99)}y`));
    expect(normaliseServerName('@modelcontextprotocol/server-everything')).toBe('server_everything');
    expect(normaliseServerName('My Server')).toBe('my_server');
  });
});
