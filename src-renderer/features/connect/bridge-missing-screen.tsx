import { AlertIcon, StewardMark } from '../../ui/icons.js';
import './connect.css';

/**
 * The page was opened from a file (the desktop app's window) but the preload bridge that
 * connects it to Steward is missing. Nothing works without it, so say so plainly.
 */
export function BridgeMissingScreen() {
  return (
    <main className="token-screen">
      <section className="token-card" aria-labelledby="bridge-title">
        <StewardMark size={44} />
        <h1 id="bridge-title">Steward couldn’t start this window</h1>
        <p className="token-alert" role="alert">
          <AlertIcon size={16} />
          <span>The connection between this window and Steward did not load.</span>
        </p>
        <p>Quit Steward and start it again. If this keeps happening, reinstall the app, or run Steward in your browser with <code>npm run serve</code>.</p>
      </section>
    </main>
  );
}
