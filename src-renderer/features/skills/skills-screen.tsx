import { useCallback, useEffect, useState } from 'react';
import type { Skill } from '../../../src-preload/contract.js';
import { DashboardPage, DashSection, InlineError } from '../../ui/dashboard-page.js';
import { useApi } from '../../app/dashboards-context.js';
import { routeHash } from '../../app/hash-route.js';
import { useApiAction } from '../mcp/use-api-action.js';

/** Skills: reusable requests with inputs. Run one here (a quick action) or as /<name> in the chat; share it as a file. */
// eslint-disable-next-line max-lines-per-function -- one component's markup (JSX) read top to bottom; its sections are not split into components yet (issue 13)
export function SkillsScreen() {
  const api = useApi();
  const [skills, setSkills] = useState<Skill[]>([]);
  const [inputs, setInputs] = useState<Record<string, Record<string, string>>>({});
  const [shared, setShared] = useState<{ fileName: string; text: string } | null>(null);
  const [fileText, setFileText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const load = useApiAction();
  const act = useApiAction();
  const loadRun = load.run;
  const refresh = useCallback(() => void loadRun(async () => setSkills(await api.call('skills.list', {}))), [api, loadRun]);
  useEffect(refresh, [refresh]);

  const runSkill = async (skill: Skill) => {
    const sent = await act.run(() => api.call('skills.run', { name: skill.name, inputs: inputs[skill.name] ?? {} }));
    if (sent) window.location.assign(routeHash({ kind: 'chat', conversationId: sent.conversationId }));
  };
  const exportSkill = async (skill: Skill) => setShared(await act.run(() => api.call('skills.export', { name: skill.name })));
  const importSkill = async () => {
    const imported = await act.run(() => api.call('skills.import', { text: fileText }));
    if (imported) {
      setNotice(`Imported ${imported.command}.`);
      setFileText('');
      refresh();
    }
  };

  return (
    <DashboardPage title="Skills" description="Your reusable tasks: a request with inputs and the tools it uses. Save one from a finished task, write one in a file, run it here or as /name in the chat.">
      <DashSection title="Your skills">
        <InlineError message={load.error} onRetry={refresh} />
        <InlineError message={act.error} />
        {skills.length === 0 && <p className="dash-empty">No skills yet. Import a .steward-skill.json file below.</p>}
        {skills.map((skill) => (
          <article key={skill.id} className="mcp-server" aria-label={`Skill ${skill.name}`}>
            <header className="mcp-server-header">
              <h3>{skill.command}</h3>
              <span>{skill.description}</span>
            </header>
            <p>
              <code>{skill.prompt}</code>
            </p>
            {skill.allowedTools.length > 0 && <p>Tools: {skill.allowedTools.join(', ')}</p>}
            <div className="mcp-actions">
              {skill.inputs.map((input) => (
                <input
                  key={input.name}
                  className="text-input"
                  aria-label={`${skill.name} ${input.name}`}
                  placeholder={input.name + (input.required ? '' : ' (optional)')}
                  value={inputs[skill.name]?.[input.name] ?? ''}
                  onChange={(e) => setInputs({ ...inputs, [skill.name]: { ...inputs[skill.name], [input.name]: e.target.value } })}
                />
              ))}
              <button type="button" className="button button--primary" disabled={act.busy} onClick={() => void runSkill(skill)}>
                Run
              </button>
              <button type="button" className="button" onClick={() => void exportSkill(skill)}>
                Share as file
              </button>
              <button type="button" className="button button--danger" onClick={() => void act.run(() => api.call('skills.delete', { name: skill.name })).then(refresh)}>
                Delete
              </button>
            </div>
          </article>
        ))}
        {shared && (
          <p>
            <a download={shared.fileName} href={`data:application/json;charset=utf-8,${encodeURIComponent(shared.text)}`}>
              Download {shared.fileName}
            </a>
          </p>
        )}
      </DashSection>
      <DashSection title="Import a skill file">
        <textarea className="text-input" rows={6} aria-label="Skill file" value={fileText} onChange={(e) => setFileText(e.target.value)} placeholder='{"stewardSkill": 1, "skill": {"name": "weekly_report", …}}' />
        <button type="button" className="button" disabled={!fileText.trim() || act.busy} onClick={() => void importSkill()}>
          Import
        </button>
        {notice && <p role="status">{notice}</p>}
      </DashSection>
    </DashboardPage>
  );
}
