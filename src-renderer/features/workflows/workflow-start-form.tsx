import { useState, type FormEvent } from 'react';
import type { WorkflowInfo } from '../../../src-preload/contract.js';

const INPUT_TYPE: Record<string, string> = { number: 'text', date: 'date', email: 'email', string: 'text', boolean: 'text' };

/** Start a run from the screen: pick a workflow, fill its inputs (the core checks them and says what is wrong). */
export function WorkflowStartForm({ workflows, busy, onStart }: { workflows: WorkflowInfo[]; busy: boolean; onStart: (workflowId: string, inputs: Record<string, string>) => void }) {
  const [chosen, setChosen] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const workflow = workflows.find((w) => w.id === chosen) ?? null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (workflow) onStart(workflow.id, Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '')));
  };
  return (
    <form aria-label="Start a workflow" onSubmit={submit}>
      <label>
        Workflow{' '}
        <select
          className="text-input"
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            setValues({});
          }}
        >
          <option value="">Choose…</option>
          {workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.title} (v{w.version})
            </option>
          ))}
        </select>
      </label>
      {workflow && (
        <>
          <p className="muted">{workflow.description}</p>
          {workflow.problems.length > 0 ? (
            <div role="alert" className="inline-error">
              It cannot start now:
              <ul>
                {workflow.problems.map((p, i) => (
                  <li key={i}>{p.line === null ? p.reason : `line ${p.line}: ${p.reason}`}</li>
                ))}
              </ul>
            </div>
          ) : (
            <div className="workflow-inputs">
              {workflow.inputs.map((input) => (
                <label key={input.name}>
                  {input.name}
                  {input.required ? '' : ' (optional)'}
                  <input
                    className="text-input"
                    type={INPUT_TYPE[input.type] ?? 'text'}
                    placeholder={input.description}
                    value={values[input.name] ?? ''}
                    onChange={(e) => setValues((v) => ({ ...v, [input.name]: e.target.value }))}
                  />
                </label>
              ))}
            </div>
          )}
          <button type="submit" className="button button--primary" disabled={busy || workflow.problems.length > 0}>
            Start
          </button>
        </>
      )}
    </form>
  );
}
