import { useState, type FormEvent } from 'react';
import { DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useApi } from '../../app/dashboards-context.js';
import { useApiAction } from './use-api-action.js';

/** Splits an argument line the way a shell would for simple cases: spaces separate, quotes group. */
function splitArgs(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function McpAddForm({ onAdded }: { onAdded: () => void }) {
  const api = useApi();
  const add = useApiAction();
  const importing = useApiAction();
  const [name, setName] = useState('');
  const [transport, setTransport] = useState<'stdio' | 'http'>('stdio');
  const [command, setCommand] = useState('');
  const [args, setArgs] = useState('');
  const [url, setUrl] = useState('');
  const [secretKey, setSecretKey] = useState('');
  const [secretValue, setSecretValue] = useState('');
  const [json, setJson] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const secretKeys = secretKey.trim() ? [secretKey.trim()] : [];
    const config =
      transport === 'stdio'
        ? { transport, command, args: splitArgs(args), env: {}, secretEnv: secretKeys }
        : { transport, url, headers: {}, secretHeaders: secretKeys };
    const added = await add.run(() => api.call('mcp.servers.add', { name: name.trim(), config, secrets: secretKeys.length ? { [secretKeys[0]!]: secretValue } : {} }));
    if (added) {
      setNotice(`Added “${added.name}” with ${added.tools.length} tool${added.tools.length === 1 ? '' : 's'}.`);
      setName('');
      setSecretValue('');
      onAdded();
    }
  };

  const importFile = async () => {
    const result = await importing.run(() => api.call('mcp.servers.import', { json }));
    if (result) {
      setNotice(`Imported ${result.added.length} server${result.added.length === 1 ? '' : 's'}${result.skipped.length ? `; skipped ${result.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}` : ''}.`);
      onAdded();
    }
  };

  return (
    <DashSection title="Add a server">
      <form className="mcp-add" aria-label="Add an MCP server" onSubmit={(e) => void submit(e)}>
        <label>
          Name <input className="text-input" name="mcp-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="github" required />
        </label>
        <label>
          Kind{' '}
          <select className="text-input" name="mcp-transport" value={transport} onChange={(e) => setTransport(e.target.value as 'stdio' | 'http')}>
            <option value="stdio">Program on this computer (stdio)</option>
            <option value="http">Remote server (URL)</option>
          </select>
        </label>
        {transport === 'stdio' ? (
          <>
            <label>
              Command <input className="text-input" name="mcp-command" value={command} onChange={(e) => setCommand(e.target.value)} placeholder="npx" />
            </label>
            <label>
              Arguments <input className="text-input grow" name="mcp-args" value={args} onChange={(e) => setArgs(e.target.value)} placeholder="-y @modelcontextprotocol/server-filesystem /path/to/folder" />
            </label>
          </>
        ) : (
          <label>
            URL <input className="text-input grow" name="mcp-url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/mcp" />
          </label>
        )}
        <label>
          Secret {transport === 'stdio' ? 'environment variable' : 'header'} (kept in the keychain){' '}
          <input className="text-input" name="mcp-secret-key" value={secretKey} onChange={(e) => setSecretKey(e.target.value)} placeholder={transport === 'stdio' ? 'API_KEY' : 'Authorization'} />
        </label>
        {secretKey.trim() && (
          <label>
            Value <input className="text-input" type="password" name="mcp-secret-value" value={secretValue} onChange={(e) => setSecretValue(e.target.value)} autoComplete="off" />
          </label>
        )}
        <button type="submit" className="button button--primary" disabled={add.busy}>
          {add.busy ? 'Starting…' : 'Add server'}
        </button>
      </form>
      <InlineError message={add.error} />
      <details className="mcp-import">
        <summary>Import another app’s mcpServers file</summary>
        <textarea className="text-input" aria-label="mcpServers JSON" rows={6} value={json} onChange={(e) => setJson(e.target.value)} placeholder='{"mcpServers": {"files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]}}}' />
        <button type="button" className="button" onClick={() => void importFile()} disabled={importing.busy || !json.trim()}>
          Import
        </button>
        <InlineError message={importing.error} />
      </details>
      {notice && (
        <p className="dash-success" role="status">
          {notice}
        </p>
      )}
    </DashSection>
  );
}
