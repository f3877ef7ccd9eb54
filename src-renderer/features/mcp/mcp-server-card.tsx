import type { McpServerInfo } from '../../../src-preload/contract.js';
import { InlineError } from '../../ui/dashboard-page.js';
import { useApi } from '../../app/dashboards-context.js';
import { McpResourceList } from './mcp-resource-list.js';
import { useApiAction } from './use-api-action.js';

const STATUS_TEXT: Record<McpServerInfo['status'], string> = {
  stopped: 'Stopped',
  starting: 'Starting…',
  running: 'Running',
  crashed: 'Crashed',
  failed: 'Could not start',
  needs_auth: 'Needs sign-in',
  disabled: 'Disabled',
};

const APPROVAL_TEXT = { none: 'reads only — runs without asking', local: 'changes things — asks', external: 'outside world or destructive — asks', financial: 'moves money — always asks' } as const;

export function McpServerCard({ server, onChanged }: { server: McpServerInfo; onChanged: () => void }) {
  const api = useApi();
  const action = useApiAction();
  const act = (run: () => Promise<unknown>) => void action.run(run).then(onChanged);

  return (
    <article className="mcp-server" aria-label={`MCP server ${server.name}`} data-testid={`mcp-server-${server.name}`}>
      <header className="mcp-server-header">
        <h3>{server.name}</h3>
        <span className={`mcp-status mcp-status--${server.status}`} data-testid="mcp-status">
          {STATUS_TEXT[server.status]}
        </span>
        <code className="mcp-target">{server.target}</code>
      </header>
      {server.reason && <p className="dash-error">{server.reason}</p>}
      {server.authorizationUrl && (
        <p>
          <a href={server.authorizationUrl} target="_blank" rel="noreferrer">
            Open the sign-in page
          </a>
        </p>
      )}
      {server.stderrTail && server.status !== 'running' && (
        <details>
          <summary>Last output</summary>
          <pre className="mcp-stderr">{server.stderrTail}</pre>
        </details>
      )}
      <div className="mcp-actions">
        <button type="button" className="button" disabled={action.busy || !server.enabled} onClick={() => act(() => api.call('mcp.servers.restart', { name: server.name }))}>
          Restart
        </button>
        <button type="button" className="button" disabled={action.busy} onClick={() => act(() => api.call('mcp.servers.setEnabled', { name: server.name, enabled: !server.enabled }))}>
          {server.enabled ? 'Disable' : 'Enable'}
        </button>
        <button type="button" className="button button--danger" disabled={action.busy} onClick={() => act(() => api.call('mcp.servers.remove', { name: server.name }))}>
          Remove
        </button>
      </div>
      <InlineError message={action.error} />
      {server.tools.length > 0 && (
        <details open>
          <summary>Tools ({server.tools.length})</summary>
          <ul className="mcp-tools" data-testid="mcp-tools">
            {server.tools.map((tool) => (
              <li key={tool.name}>
                <code>{tool.name}</code> — {APPROVAL_TEXT[tool.sideEffect]}
              </li>
            ))}
          </ul>
        </details>
      )}
      {server.problems.length > 0 && (
        <ul className="mcp-problems">
          {server.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {server.prompts.length > 0 && (
        <details>
          <summary>Prompts — use them in the chat as slash commands</summary>
          <ul>
            {server.prompts.map((p) => (
              <li key={p.name}>
                <code>
                  {p.command}
                  {p.arguments.map((a) => ` ${a.name}="…"`).join('')}
                </code>{' '}
                {p.description}
              </li>
            ))}
          </ul>
        </details>
      )}
      <McpResourceList server={server} />
    </article>
  );
}
