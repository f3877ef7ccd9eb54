import type { AgentNeeds } from '../agent-deps.js';

type Needs = AgentNeeds<'registry' | 'secrets' | 'settings'>;

/** "What can you do?" and its variants, answered from the registry itself rather than the model's imagination. */
export const CAPABILITY_QUESTION = /\b(what (else )?can you do|what are you able to do|what (tools|skills|capabilities) do you have|(list|show)( me)? (your|the) (tools|skills|capabilities)|help me understand what you do)\b/i;

/** The tools actually installed, split by whether they are ready to use. */
export async function describeCapabilities(deps: Needs): Promise<string> {
  const infos = await deps.registry.infos({ secrets: deps.secrets, settings: deps.settings.get() });
  if (infos.length === 0) {
    return 'I can chat and answer questions, but no tools are installed yet, so I can’t act on anything outside this conversation.';
  }
  const ready = infos.filter((t) => t.configured && t.permission !== 'never');
  const setup = infos.filter((t) => !t.configured);
  const blocked = infos.filter((t) => t.configured && t.permission === 'never');
  const lines = ['Here is what I can do with the tools installed on this computer:'];
  for (const t of ready) lines.push(`- **${t.name}** — ${t.description}${t.permission === 'ask' || t.sideEffect === 'financial' ? ' (asks for your approval)' : ''}`);
  if (setup.length) {
    lines.push('', 'Installed but not set up yet:');
    for (const t of setup) lines.push(`- **${t.name}** — ${t.configurationProblem ?? 'needs setting up'}`);
  }
  if (blocked.length) {
    lines.push('', 'Turned off in Settings › Tool permissions:');
    for (const t of blocked) lines.push(`- **${t.name}**`);
  }
  lines.push('', 'I can also plan bigger jobs that combine these, ask you when I need something, and answer questions from what I know about your business.');
  return lines.join('\n');
}
