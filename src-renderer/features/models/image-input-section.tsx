/**
 * Models › Image input: whether the cloud model reads images. OpenAI-compatible servers do not say,
 * so Steward judges by the model's name (gpt-4o, Claude 3, Gemini, LLaVA, Qwen-VL …) and the user
 * can say otherwise here (settings.llm.visionModels). The local model reads text only.
 */
import { useStore } from 'zustand';
import { useDashboards } from '../../app/dashboards-context.js';
import { DashSection, InlineError } from '../../ui/dashboard-page.js';
import { Field } from '../../ui/form-controls.js';

type Marking = 'name' | 'yes' | 'no';

export function ImageInputSection() {
  const { settings } = useDashboards();
  const llm = useStore(settings, (st) => st.settings?.llm ?? null);
  const saveError = useStore(settings, (st) => st.saveError);
  if (!llm) return null;
  const model = llm.cloud.model;
  const own = llm.visionModels[model];
  const value: Marking = own === true ? 'yes' : own === false ? 'no' : 'name';
  const choose = (next: Marking) => {
    void settings.getState().update({ llm: { visionModels: { [model]: next === 'name' ? null : next === 'yes' } } });
  };
  return (
    <DashSection title="Image input">
      <p className="muted small">Images attached in the chat go only to a model that reads them. The local model reads text only.</p>
      <Field label={`Cloud model ${model} reads images`} hint="Servers do not report this, so Steward goes by the model's name unless you say otherwise.">
        {(props) => (
          <select {...props} className="text-input" value={value} onChange={(e) => choose(e.target.value as Marking)}>
            <option value="name">Judge by its name</option>
            <option value="yes">Yes, it reads images</option>
            <option value="no">No, text only</option>
          </select>
        )}
      </Field>
      {!llm.cloud.enabled && <p className="muted small">No cloud model is on: connect one under Integrations › Cloud model.</p>}
      <InlineError message={saveError} />
    </DashSection>
  );
}
