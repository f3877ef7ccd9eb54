import { useState } from 'react';
import { useStore } from 'zustand';
import type { McpServerInfo } from '../../../src-preload/contract.js';
import { InlineError } from '../../ui/dashboard-page.js';
import { useApi } from '../../app/dashboards-context.js';
import { routeHash } from '../../app/hash-route.js';
import { useStores } from '../../app/stores-context.js';
import { useApiAction } from './use-api-action.js';
import './mcp.css';

/** How many of a server's resources the card lists (server-everything offers a hundred). */
const SHOWN = 50;

/**
 * A server's resources, each with "Attach to chat": its text joins the open conversation (or a new
 * one) as untrusted content naming the server and the URI, and the chat opens on it. The agent
 * reads it as data; anything it proposes afterwards shows where the text came from.
 */
export function McpResourceList({ server }: { server: McpServerInfo }) {
  const api = useApi();
  const { conversations } = useStores();
  const open = useStore(conversations, (s) => (s.activeId ? (s.conversations.find((c) => c.id === s.activeId) ?? null) : null));
  const action = useApiAction();
  const [attaching, setAttaching] = useState<string | null>(null);

  const attach = async (uri: string, name: string) => {
    setAttaching(uri);
    const conversationId = await action.run(async () => {
      const target = open?.id ?? (await conversations.getState().create(`${name.slice(0, 60)} (${server.name})`)).id;
      await api.call('mcp.resources.attach', { server: server.name, uri, conversationId: target });
      return target;
    });
    setAttaching(null);
    if (conversationId) window.location.assign(routeHash({ kind: 'chat', conversationId }));
  };

  if (server.resources.length === 0) return null;
  const where = open ? `“${open.title}”` : 'a new chat';
  return (
    <details className="mcp-resources">
      <summary>Resources ({server.resources.length})</summary>
      <p className="mcp-resources-hint">Attach one to {where}: Steward reads it as outside content from {server.name}, never as your instructions.</p>
      <InlineError message={action.error} />
      <ul>
        {server.resources.slice(0, SHOWN).map((r) => (
          <li key={r.uri}>
            <span className="mcp-resource-name">
              <code>{r.uri}</code> {r.name}
            </span>
            <button
              type="button"
              className="button button--small"
              disabled={action.busy || server.status !== 'running'}
              aria-label={`Attach ${r.name} to ${open ? open.title : 'a new chat'}`}
              onClick={() => void attach(r.uri, r.name)}
            >
              {attaching === r.uri ? 'Attaching…' : 'Attach to chat'}
            </button>
          </li>
        ))}
      </ul>
      {server.resources.length > SHOWN && <p className="mcp-resources-hint">The first {SHOWN} are listed.</p>}
    </details>
  );
}
