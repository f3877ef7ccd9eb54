import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { WorkflowInfo } from '../../../src-preload/contract.js';
import { useApi } from '../../app/dashboards-context.js';
import { useApiAction } from '../mcp/use-api-action.js';

/** Definitions are small text files; anything larger is refused by the core too (200,000 characters). */
const MAX_FILE_BYTES = 200_000;

/**
 * Load a workflow definition (YAML or JSON) by pasting it or choosing its file. The core checks it
 * as it loads (a cycle, an unknown tool, a missing output, a role nobody holds) and refuses it with
 * the line and reason, keeping nothing; the text stays here to be fixed.
 */
export function WorkflowAddForm({ onAdded }: { onAdded: (added: WorkflowInfo) => void }) {
  const api = useApi();
  const add = useApiAction();
  const [text, setText] = useState('');
  const [source, setSource] = useState('workflow.yaml');
  const [added, setAdded] = useState<string | null>(null);

  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setAdded(null);
    if (file.size > MAX_FILE_BYTES) {
      add.setError(`${file.name} is ${Math.round(file.size / 1000)} kB; a workflow definition may be at most 200 kB. Choose the definition file itself.`);
      return;
    }
    add.setError(null);
    setText(await file.text());
    setSource(file.name);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const result = await add.run(() => api.call('workflows.add', { text, source: source.trim() || 'workflow.yaml' }));
    if (!result) return;
    setAdded(`Added “${result.title}” (v${result.version}); it is in the list above.`);
    setText('');
    onAdded(result);
  };

  return (
    <form aria-label="Add a workflow" className="workflow-add" onSubmit={(e) => void submit(e)}>
      <label>
        Definition (YAML or JSON)
        <textarea className="text-input" rows={8} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} placeholder={'id: my-workflow\nversion: 1\ntitle: …\nsteps:\n  - id: …'} />
      </label>
      <div className="filter-row">
        <label>
          File name
          <input className="text-input" value={source} onChange={(e) => setSource(e.target.value)} />
        </label>
        <label className="button">
          Choose a file…
          <input type="file" accept=".yaml,.yml,.json,text/yaml,application/json" className="sr-only" onChange={(e) => void pickFile(e)} />
        </label>
        <button type="submit" className="button button--primary" disabled={add.busy || !text.trim()}>
          Add workflow
        </button>
      </div>
      {add.error && (
        <p role="alert" className="inline-error">
          {add.error}
        </p>
      )}
      {added && <p role="status">{added}</p>}
    </form>
  );
}
