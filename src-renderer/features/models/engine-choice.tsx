/**
 * Models › Engine's switch: which program runs the local model — node-llama-cpp (default; in its
 * own process, or in the main process for comparisons) or llama.cpp's own llama-server — with
 * whether the llama-server program is found and how to build it. Saving reloads the model; a
 * refused value is named under the field and changes nothing.
 */
import { useStore } from 'zustand';
import { useDashboards } from '../../app/dashboards-context.js';
import { InlineError } from '../../ui/dashboard-page.js';
import { Field } from '../../ui/form-controls.js';

type Engine = 'node-llama-cpp' | 'llama-server';
type Inference = 'worker' | 'in-process';

export const BUILD_LLAMA_SERVER_COMMAND = 'node scripts/build-llama-cpp-tools.mjs';

export function EngineChoice() {
  const { models, settings } = useDashboards();
  const llm = useStore(settings, (st) => st.settings?.llm ?? null);
  const saveError = useStore(settings, (st) => st.saveError);
  const llamaServer = useStore(models, (s) => s.llm?.local.llamaServer ?? null);
  if (!llm) return null;
  const save = (patch: { engine?: Engine; inference?: Inference; llamaServerPort?: number | null }) => {
    void settings
      .getState()
      .update({ llm: patch })
      .then((saved) => (saved ? models.getState().refreshLlm() : undefined));
  };
  return (
    <div className="engine-choice" data-testid="engine-choice">
      <Field label="Engine" hint="The program that runs the local model. Changing it reloads the model.">
        {(props) => (
          <select {...props} className="text-input" value={llm.engine} onChange={(e) => save({ engine: e.target.value as Engine })}>
            <option value="node-llama-cpp">node-llama-cpp (default)</option>
            <option value="llama-server">llama-server (llama.cpp’s own server)</option>
          </select>
        )}
      </Field>
      {llm.engine === 'node-llama-cpp' && (
        <Field label="Inference process" hint="Its own process keeps the app running if the model crashes; the main process is only for speed comparisons.">
          {(props) => (
            <select {...props} className="text-input" value={llm.inference} onChange={(e) => save({ inference: e.target.value as Inference })}>
              <option value="worker">Its own process (recommended)</option>
              <option value="in-process">The main process</option>
            </select>
          )}
        </Field>
      )}
      {llamaServer && (
        <p className="small" data-testid="llama-server-binary">
          {llamaServer.binary ? (
            <>
              llama-server: <code>{llamaServer.binary}</code>
            </>
          ) : (
            <>
              llama-server is not built on this computer. Build it offline with <code>{BUILD_LLAMA_SERVER_COMMAND}</code> in the folder where Steward is installed (add{' '}
              <code>--gpu cuda</code> for an NVIDIA GPU), then choose it here.
            </>
          )}
        </p>
      )}
      {llm.engine === 'llama-server' && llamaServer?.problem && <InlineError message={llamaServer.problem} />}
      <InlineError message={saveError} />
    </div>
  );
}
