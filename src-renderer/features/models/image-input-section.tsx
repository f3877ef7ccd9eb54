/**
 * Models › Image input: whether each cloud model reads images — the one in use and every other
 * provider's model a conversation may choose in the chat. OpenAI-compatible servers do not say,
 * so Steward judges by the model's name (gpt-4o, Claude 3, Gemini, LLaVA, Qwen-VL …) and the user
 * can say otherwise here (settings.llm.visionModels, by model name). The local model reads text only.
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
  const inUse = llm.cloud.model;
  // Other providers' models (a conversation may choose them in the chat's model switcher), each once.
  const others = llm.cloudProviders.filter((p) => p.model && p.model !== inUse && p.enabled).filter((p, i, all) => all.findIndex((o) => o.model === p.model) === i);
  const markingOf = (model: string): Marking => {
    const own = llm.visionModels[model];
    return own === true ? 'yes' : own === false ? 'no' : 'name';
  };
  const choose = (model: string, next: Marking) => {
    void settings.getState().update({ llm: { visionModels: { [model]: next === 'name' ? null : next === 'yes' } } });
  };
  const field = (model: string, label: string) => (
    <Field key={model} label={label} hint="Servers do not report this, so Steward goes by the model's name unless you say otherwise.">
      {(props) => (
        <select {...props} className="text-input" value={markingOf(model)} onChange={(e) => choose(model, e.target.value as Marking)}>
          <option value="name">Judge by its name</option>
          <option value="yes">Yes, it reads images</option>
          <option value="no">No, text only</option>
        </select>
      )}
    </Field>
  );
  return (
    <DashSection title="Image input">
      <p className="muted small">Images attached in the chat go only to a model that reads them. The local model reads text only.</p>
      {field(inUse, `Cloud model ${inUse} reads images`)}
      {others.map((p) => field(p.model!, `${p.model} (${p.name}) reads images`))}
      {!llm.cloud.enabled && <p className="muted small">No cloud model is on: connect one under Integrations › Cloud model.</p>}
      <InlineError message={saveError} />
    </DashSection>
  );
}
