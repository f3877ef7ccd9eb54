import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useStores } from '../../app/stores-context.js';

/** Footer of the sidebar: where Steward runs and whether live updates are flowing. */
export function ConnectionStatus() {
  const { connection, app } = useStores();
  const { state, transport } = useStore(connection, useShallow((s) => ({ state: s.state, transport: s.transport })));
  const info = useStore(app, (s) => s.info);
  const label = state === 'open' ? 'Connected' : state === 'connecting' ? 'Connecting…' : 'Offline — retrying';
  const where = transport === 'ipc' ? 'Desktop app' : 'Local server';
  return (
    <div className="connection-status" title={info ? `Profile “${info.profile}” · data in ${info.dataDir}` : undefined}>
      <span className={`status-dot status-dot--${state}`} aria-hidden="true" />
      <span className="connection-status__text">
        <span>{label}</span>
        <span className="connection-status__where">
          {where}
          {info ? ` · ${info.profile}` : ''}
          {info ? ` · v${info.version}` : ''}
        </span>
      </span>
    </div>
  );
}
