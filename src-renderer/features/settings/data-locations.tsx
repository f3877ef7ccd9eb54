import { useStore } from 'zustand';
import { DashSection } from '../../ui/dashboard-page.js';
import { useStores } from '../../app/stores-context.js';
import './settings.css';

/**
 * Where this profile keeps its files: the database and the log. The log is where "the details
 * were written to the log" messages point, so its path is shown here to be found and shared.
 */
export function DataLocations() {
  const { app } = useStores();
  const info = useStore(app, (s) => s.info);
  if (!info) return null;
  return (
    <DashSection title="Where your data lives">
      <dl className="data-locations" aria-label="Data locations">
        <dt>Database</dt>
        <dd>
          <code>{info.databasePath}</code>
        </dd>
        <dt>Log file</dt>
        <dd>
          <code>{info.logFile}</code>
          <span className="data-locations-hint"> (rotated beside it as .1, .2, …; secrets are removed before anything is written)</span>
        </dd>
      </dl>
    </DashSection>
  );
}
