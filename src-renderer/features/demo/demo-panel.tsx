/**
 * The HR demo in the chat's empty state. In the demo itself: what it is, how the sentence is read
 * (by the language model through the assistant; or, with none installed, by fixed rules — and
 * that no AI is answering), the sentence to type, and links to the demo inbox, calendar and HR system. Elsewhere, on first run
 * (no conversations yet): "Try the demo", which starts it in its own profile and opens it.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { DemoStatus } from '../../../src-preload/contract.js';
import { useApi } from '../../app/dashboards-context.js';
import { useStores } from '../../app/stores-context.js';
import { useApiAction } from '../mcp/use-api-action.js';
import './demo-panel.css';

export function DemoPanel({ conversationId }: { conversationId: string | null }) {
  const api = useApi();
  const { composer, conversations } = useStores();
  const firstRun = useStore(conversations, (s) => s.status === 'ready' && s.conversations.length === 0);
  const [status, setStatus] = useState<DemoStatus | null>(null);
  const start = useApiAction();
  const [opened, setOpened] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('demo.status', {}).then(
      (s) => live && setStatus(s),
      () => undefined, // an older server without the demo: show nothing
    );
    return () => {
      live = false;
    };
  }, [api]);

  if (!status) return null;
  if (status.running) return <RunningDemo status={status} onPick={(request) => composer.getState().prefill(conversationId, request)} />;
  if (!firstRun) return null;
  const tryIt = async () => {
    const result = await start.run(() => api.call('demo.start', {}));
    if (!result) return;
    setOpened(result.chatUrl);
    window.open(result.chatUrl, '_blank', 'noopener');
  };
  return (
    <section className="demo-panel" aria-label="Try the demo">
      <h3>New here? Try the HR onboarding demo</h3>
      <p>
        A sample company in its own profile — people, an HR system, a mail inbox and a calendar — where one sentence onboards a new hire. Your own profile, keys and
        settings are not touched.
      </p>
      {status.canStart ? (
        <button type="button" className="button button--primary" disabled={start.busy} onClick={() => void tryIt()}>
          {start.busy ? 'Starting the demo…' : 'Try the demo'}
        </button>
      ) : (
        <p className="demo-panel__how">{status.howToStart}</p>
      )}
      {start.error && (
        <p className="demo-panel__error" role="alert">
          {start.error}
        </p>
      )}
      {opened && (
        <p role="status">
          The demo opened in a new tab. If your browser blocked it, <a href={opened} target="_blank" rel="noreferrer">open the demo</a>.
        </p>
      )}
    </section>
  );
}

/** Inside the demo: the sample company, how the sentence will be read, the sentence itself and the demo pages. */
function RunningDemo({ status, onPick }: { status: DemoStatus; onPick: (request: string) => void }) {
  return (
    <section className="demo-panel" aria-label="HR onboarding demo">
      <h3>Demo: Acme Robotics, a sample company</h3>
      {status.modelInstalled ? (
        <p className="demo-panel__model" role="note">
          The assistant reads your sentence with the language model, asks for anything it does not say (such as the new hire's email) and starts the onboarding
          workflow when you say yes.
        </p>
      ) : (
        <p className="demo-panel__no-model" role="note">
          No language model is installed in this demo, so no AI is answering: Steward recognises the onboarding sentence by fixed wording rules and runs the
          onboarding workflow.
        </p>
      )}
      <p>Type this, or press it, and follow the offer letter, the Director's approval, the HR system, the welcome email and the calendar:</p>
      <button type="button" className="demo-panel__request" onClick={() => onPick(status.request)}>
        {status.request}
      </button>
      {status.links && (
        <p className="demo-panel__links">
          See the results: <a href={status.links.inbox} target="_blank" rel="noreferrer">Demo inbox</a> ·{' '}
          <a href={status.links.calendar} target="_blank" rel="noreferrer">Demo calendar</a> ·{' '}
          <a href={status.links.hris} target="_blank" rel="noreferrer">Demo HR system</a>
        </p>
      )}
    </section>
  );
}
