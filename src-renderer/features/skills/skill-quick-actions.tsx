import { useEffect, useState } from 'react';
import type { Skill } from '../../../src-preload/contract.js';
import { useApi } from '../../app/dashboards-context.js';
import { BoltIcon } from '../../ui/icons.js';
import { skillCommandText } from './skill-command-text.js';
import './skills.css';

/** How many skills fit in a row of quick actions; the rest are on the Skills screen and behind /skills. */
const MAX_SHOWN = 6;

/**
 * The user's skills as quick actions (the chat's quick-action row and the quick-command window).
 * A skill runs as its slash command, so it takes the same path as typing it: the agent, the
 * skill's own tool limit, approvals and audit.
 */
export function SkillQuickActions({ onPick, className = 'pill-button quick-action' }: { onPick: (text: string, mode: 'prefill' | 'send') => void; className?: string }) {
  const api = useApi();
  const [skills, setSkills] = useState<Skill[]>([]);

  useEffect(() => {
    let live = true;
    const load = () =>
      void api.call('skills.list', {}).then(
        (list) => live && setSkills(list),
        () => undefined, // No skills offered while the core cannot list them; typing /skills still explains why.
      );
    load();
    // The quick-command window is reused: a skill saved since it was last shown appears when it comes back.
    window.addEventListener('focus', load);
    return () => {
      live = false;
      window.removeEventListener('focus', load);
    };
  }, [api]);

  if (skills.length === 0) return null;
  return (
    <>
      {skills.slice(0, MAX_SHOWN).map((skill) => {
        const { text, mode } = skillCommandText(skill);
        return (
          <button key={skill.id} type="button" className={`${className} skill-quick-action`} title={`${skill.description} (${skill.command})`} onClick={() => onPick(text, mode)}>
            {mode === 'send' && <BoltIcon size={13} />}
            {skill.command}
          </button>
        );
      })}
    </>
  );
}
