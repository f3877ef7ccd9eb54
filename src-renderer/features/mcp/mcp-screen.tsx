import { useCallback, useEffect, useState } from 'react';
import type { McpServerInfo } from '../../../src-preload/contract.js';
import { DashboardPage, DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useApi } from '../../app/dashboards-context.js';
import { McpAddForm } from './mcp-add-form.js';
import { McpServerCard } from './mcp-server-card.js';
import { useApiAction } from './use-api-action.js';

/**
 * MCP servers: add one (a program to start, or a remote URL) or import another app's
 * mcpServers file; see each server's status, tools (with how they are approved), prompts
 * (usable as slash commands), resources, and its last output when it failed.
 */
export function McpScreen() {
  const api = useApi();
  const [servers, setServers] = useState<McpServerInfo[] | null>(null);
  const load = useApiAction();
  const loadRun = load.run;
  const refresh = useCallback(() => void loadRun(async () => setServers(await api.call('mcp.servers.list', {}))), [api, loadRun]);
  useEffect(() => {
    refresh();
    // Servers start in the background and can crash at any time: keep the list fresh while the screen is open.
    const timer = setInterval(refresh, 3000);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <DashboardPage title="MCP servers" description="Tools, resources and prompts from Model Context Protocol servers. Their tools ask for approval like Steward's own, by how each tool describes itself.">
      <McpAddForm onAdded={refresh} />
      <DashSection title="Servers">
        <InlineError message={load.error} onRetry={refresh} />
        {servers?.length === 0 && <p className="dash-empty">No MCP servers yet. Add one above, or import the mcpServers file of another app.</p>}
        <div className="mcp-servers" data-testid="mcp-servers">
          {servers?.map((server) => <McpServerCard key={server.name} server={server} onChanged={refresh} />)}
        </div>
      </DashSection>
    </DashboardPage>
  );
}
